using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace IncidentBot.Bench.Lifecycle;

/// <summary>
/// The old lifecycle (today's table, built by <see cref="BaselineBuild"/>) seen through delegates compiled once from
/// expression trees, so a benchmark pays a delegate call and not reflection. The old assembly is loaded in its own
/// <see cref="BaselineLoadContext"/>; its types never appear in this project's signatures (they are <c>object</c>).
/// </summary>
public sealed class LegacyLifecycleApi
{
    /// <summary>The environment variable that carries the old IncidentBot.Core.dll's path to BenchmarkDotNet's child processes.</summary>
    public const string PathVariable = "INCIDENTBOT_BASELINE_CORE";

    private static readonly ConcurrentDictionary<string, LegacyLifecycleApi> Loaded = new(StringComparer.Ordinal);

    private readonly Type evidenceEventType;
    private readonly Type stateType;
    private readonly Type triggerType;
    private readonly Func<string, long, string, string, DateTimeOffset, string, object> newEvent;
    private readonly Func<string, object, object?> fold;
    private readonly Func<object, string> stateName;
    private readonly Func<int, int, object, int, bool, int> resolve;

    private LegacyLifecycleApi(Assembly core)
    {
        evidenceEventType = Find(core, "IncidentBot.Core.Evidence.EvidenceEvent");
        var incidentType = Find(core, "IncidentBot.Core.Incidents.Incident");
        var lifecycleType = Find(core, "IncidentBot.Core.Incidents.IncidentLifecycle");
        var contextType = Find(core, "IncidentBot.Core.Incidents.LifecycleContext");
        stateType = Find(core, "IncidentBot.Core.Incidents.IncidentState");
        triggerType = Find(core, "IncidentBot.Core.Incidents.Trigger");
        newEvent = CompileNewEvent();
        fold = CompileFold(incidentType);
        stateName = CompileStateName(incidentType);
        resolve = CompileResolve(incidentType, lifecycleType, contextType);
    }

    /// <summary>The API of the dll named by <see cref="PathVariable"/> (loaded once per process).</summary>
    public static LegacyLifecycleApi FromEnvironment() =>
        Load(Environment.GetEnvironmentVariable(PathVariable)
             ?? throw new InvalidOperationException($"{PathVariable} is not set: run the benchmarks through Program, which builds the baseline."));

    /// <summary>The API of the old IncidentBot.Core.dll at <paramref name="dllPath"/> (loaded once per process).</summary>
    public static LegacyLifecycleApi Load(string dllPath) =>
        Loaded.GetOrAdd(Path.GetFullPath(dllPath), p => new LegacyLifecycleApi(new BaselineLoadContext(p).LoadFromAssemblyPath(p)));

    /// <summary>The old <c>EvidenceEvent</c>s for <paramref name="events"/> of stream <paramref name="stream"/>, as a
    /// typed array (an <c>IEnumerable&lt;EvidenceEvent&gt;</c> of the old assembly).</summary>
    public object Events(string stream, IReadOnlyList<StoredEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var array = Array.CreateInstance(evidenceEventType, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            array.SetValue(newEvent(stream, e.Seq, e.Type, e.Actor, e.OccurredUtc, e.PayloadJson), i);
        }
        return array;
    }

    /// <summary>The old fold: <c>Incident.FromEvents(id, events)</c> with events from <see cref="Events"/>.</summary>
    public object? Fold(string id, object events) => fold(id, events);

    /// <summary>The state of an old incident, by name.</summary>
    public string StateOf(object incident) => stateName(incident);

    /// <summary>The old decision: <c>IncidentLifecycle.Table.Resolve(state, trigger, new LifecycleContext(incident,
    /// approvals, breakGlass))</c>. Returns the target state's value, or -1 when refused.</summary>
    public int Resolve(int state, int trigger, object incident, int approvals, bool breakGlass) =>
        resolve(state, trigger, incident, approvals, breakGlass);

    /// <summary>The old <c>IncidentState</c> value named <paramref name="name"/>.</summary>
    public int State(string name) => Convert.ToInt32(Enum.Parse(stateType, name), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The old <c>IncidentState</c> name of <paramref name="value"/>.</summary>
    public string StateName(int value) => Enum.GetName(stateType, value) ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The old <c>Trigger</c> value named <paramref name="name"/>.</summary>
    public int Trigger(string name) => Convert.ToInt32(Enum.Parse(triggerType, name), System.Globalization.CultureInfo.InvariantCulture);

    private static Type Find(Assembly core, string name) =>
        core.GetType(name, throwOnError: false) ?? throw new InvalidOperationException($"The baseline {core.Location} has no {name}: is it the table-based lifecycle?");

    private Func<string, long, string, string, DateTimeOffset, string, object> CompileNewEvent()
    {
        // EvidenceEvent(Stream, Seq, EventId, Type, Actor, Surface, OccurredUtc, PayloadJson, RunbookVersion, PrevHash, Hash)
        var ctor = evidenceEventType.GetConstructors().Single(c => c.GetParameters().Length == 11);
        var (stream, seq, type, actor, at, payload) = (Expression.Parameter(typeof(string)), Expression.Parameter(typeof(long)),
            Expression.Parameter(typeof(string)), Expression.Parameter(typeof(string)), Expression.Parameter(typeof(DateTimeOffset)),
            Expression.Parameter(typeof(string)));
        var eventId = Expression.Call(typeof(LegacyLifecycleApi).GetMethod(nameof(EventId), BindingFlags.NonPublic | BindingFlags.Static)!, seq);
        var body = Expression.New(ctor, stream, seq, eventId, type, actor, Expression.Constant("slack"), at, payload,
            Expression.Constant(null, typeof(string)), Expression.Constant(""), Expression.Constant(""));
        return Expression.Lambda<Func<string, long, string, string, DateTimeOffset, string, object>>(body, stream, seq, type, actor, at, payload).Compile();
    }

    private Func<string, object, object?> CompileFold(Type incidentType)
    {
        var sequence = typeof(IEnumerable<>).MakeGenericType(evidenceEventType);
        var method = incidentType.GetMethod("FromEvents", BindingFlags.Public | BindingFlags.Static, [typeof(string), sequence])
                     ?? throw new InvalidOperationException("The baseline has no Incident.FromEvents(string, IEnumerable<EvidenceEvent>).");
        var (id, events) = (Expression.Parameter(typeof(string)), Expression.Parameter(typeof(object)));
        var body = Expression.Convert(Expression.Call(method, id, Expression.Convert(events, sequence)), typeof(object));
        return Expression.Lambda<Func<string, object, object?>>(body, id, events).Compile();
    }

    private static Func<object, string> CompileStateName(Type incidentType)
    {
        var incident = Expression.Parameter(typeof(object));
        var state = Expression.Property(Expression.Convert(incident, incidentType), "State");
        var body = Expression.Call(Expression.Convert(state, typeof(object)), typeof(object).GetMethod(nameof(ToString))!);
        return Expression.Lambda<Func<object, string>>(body, incident).Compile();
    }

    private Func<int, int, object, int, bool, int> CompileResolve(Type incidentType, Type lifecycleType, Type contextType)
    {
        var table = Expression.Field(null, lifecycleType.GetField("Table", BindingFlags.Public | BindingFlags.Static)
                                           ?? throw new InvalidOperationException("The baseline has no IncidentLifecycle.Table."));
        var method = table.Type.GetMethod("Resolve", [stateType, triggerType, contextType])
                     ?? throw new InvalidOperationException("The baseline table has no Resolve(state, trigger, context).");
        var ctor = contextType.GetConstructor([incidentType, typeof(int), typeof(bool)])
                   ?? throw new InvalidOperationException("The baseline has no LifecycleContext(Incident, int, bool).");
        var (state, trigger, incident, approvals, breakGlass) = (Expression.Parameter(typeof(int)), Expression.Parameter(typeof(int)),
            Expression.Parameter(typeof(object)), Expression.Parameter(typeof(int)), Expression.Parameter(typeof(bool)));
        var context = Expression.New(ctor, Expression.Convert(incident, incidentType), approvals, breakGlass);
        var call = Expression.Call(table, method, Expression.Convert(state, stateType), Expression.Convert(trigger, triggerType), context);
        var resolution = Expression.Variable(call.Type);
        var body = Expression.Block([resolution],
            Expression.Assign(resolution, call),
            Expression.Condition(Expression.Property(resolution, "Permitted"),
                Expression.Convert(Expression.Property(resolution, "To"), typeof(int)), Expression.Constant(-1)));
        return Expression.Lambda<Func<int, int, object, int, bool, int>>(body, state, trigger, incident, approvals, breakGlass).Compile();
    }

    private static string EventId(long seq) => $"00000000-0000-0000-0000-{seq:D12}";
}
