using System.Runtime.CompilerServices;
using IncidentBot.Core.Changes;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Outbox;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Tests.Support;

/// <summary>A small in-memory evidence store honouring the IEvidenceStore contract (chaining, delivery dedupe,
/// sequence conflicts). Storage tests exercise the real SQLite store; this keeps domain tests fast.</summary>
internal sealed class InMemoryStore : IEvidenceStore, IIncidentReadModel, IChangeReadModel, IConversationReadModel
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<EvidenceEvent>> streams = [];
    private readonly Dictionary<string, string> deliveries = [];
    private readonly Dictionary<string, IncidentSummary> incidents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string, string), string> conversations = [];
    private readonly List<(string Incident, ConversationReference Reference)> bindings = [];
    private readonly Dictionary<(string, string), ConversationReference> known = [];
    private readonly Dictionary<string, string> runbooks = [];
    private readonly List<ChangeRecord> changes = [];
    private int nextIncident = 1;

    public List<OutboxDraft> Outbox { get; } = [];

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (request.DeliveryId is { } d && deliveries.TryGetValue(d, out var seen))
                return Task.FromResult<AppendOutcome>(new AppendOutcome.Duplicate(seen));
            var stream = request.Stream ?? $"INC-{nextIncident}";
            var list = streams.GetValueOrDefault(stream) ?? [];
            var last = list.Count == 0 ? 0 : list[^1].Seq;
            if (request.ExpectedSeq != AppendRequest.AnySeq && request.ExpectedSeq != last)
                return Task.FromResult<AppendOutcome>(new AppendOutcome.Conflict(last));
            if (request.Stream is null) nextIncident++;
            var stored = new List<EvidenceEvent>();
            foreach (var draft in request.Events)
            {
                var seq = ++last;
                var prev = list.Count == 0 ? EvidenceHasher.Genesis : list[^1].Hash;
                var id = Guid.NewGuid().ToString();
                var e = new EvidenceEvent(stream, seq, id, draft.Type, draft.Actor, draft.Surface, draft.OccurredUtc, draft.PayloadJson,
                    draft.RunbookVersion, prev, EvidenceHasher.ComputeHash(stream, seq, id, draft, prev));
                list.Add(e);
                stored.Add(e);
            }
            streams[stream] = list;
            if (request.DeliveryId is { } delivery) deliveries[delivery] = stream;
            if (request.Incident is { } s) incidents[stream] = s with { Id = stream, Number = int.Parse(stream[4..]), LastSeq = last };
            if (request.Change is { } c) changes.Add(c with { Seq = last });
            if (request.Runbook is { } r) runbooks.TryAdd(r.ContentHash, r.SourceText);
            Outbox.AddRange(request.Outbox ?? []);
            foreach (var bound in request.Conversations ?? [])
            {
                known[(bound.Surface, bound.Channel)] = bound.WithoutThread();
                if (!stream.StartsWith("INC-", StringComparison.Ordinal)) continue;
                conversations[(bound.Surface, bound.Key)] = stream;
                bindings.Add((stream, bound));
            }
            return Task.FromResult<AppendOutcome>(new AppendOutcome.Appended(stream, stored));
        }
    }

    public Task<IReadOnlyList<EvidenceEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<EvidenceEvent>>(streams.GetValueOrDefault(stream)?.ToList() ?? []);
    }

    public async IAsyncEnumerable<EvidenceEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<EvidenceEvent> all;
        lock (gate) all = streams.OrderBy(s => s.Key, StringComparer.Ordinal).SelectMany(s => s.Value).ToList();
        foreach (var e in all) yield return e;
        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<IncidentSummary>> ListIncidentsAsync(bool includeClosed, CancellationToken cancellationToken)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<IncidentSummary>>(incidents.Values.Where(i => includeClosed || i.IsOpen).OrderByDescending(i => i.Number).ToList());
    }

    public Task<IncidentSummary?> GetIncidentAsync(string incidentId, CancellationToken cancellationToken)
    {
        lock (gate) return Task.FromResult(incidents.GetValueOrDefault(incidentId));
    }

    public Task<string?> FindIncidentByConversationAsync(string surface, string conversationKey, CancellationToken cancellationToken)
    {
        lock (gate) return Task.FromResult(conversations.GetValueOrDefault((surface, conversationKey)));
    }

    public Task<IReadOnlyList<ConversationReference>> ConversationsOfAsync(string incidentId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var places = new List<ConversationReference>();
            foreach (var (_, c) in bindings.Where(b => b.Incident == incidentId))
            {
                var i = places.FindIndex(p => p.Surface == c.Surface && p.Channel == c.Channel);
                if (i < 0) places.Add(c);
                else places[i] = c;
            }
            return Task.FromResult<IReadOnlyList<ConversationReference>>(places);
        }
    }

    public Task<ConversationReference?> FindKnownConversationAsync(string surface, string channel, CancellationToken cancellationToken)
    {
        lock (gate) return Task.FromResult(known.GetValueOrDefault((surface, channel)));
    }

    public Task<string?> GetRunbookTextAsync(string contentHash, CancellationToken cancellationToken)
    {
        lock (gate) return Task.FromResult(runbooks.GetValueOrDefault(contentHash));
    }

    public Task<IReadOnlyList<ChangeRecord>> ListChangesAsync(string? service, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ChangeRecord>>(changes
                .Where(c => service is null || string.Equals(c.Service, service, StringComparison.OrdinalIgnoreCase))
                .Where(c => since is null || c.DeployedUtc >= since)
                .OrderByDescending(c => c.DeployedUtc).ThenByDescending(c => c.Seq).ToList());
        }
    }
}
