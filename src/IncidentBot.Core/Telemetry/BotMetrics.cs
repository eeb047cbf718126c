using System.Diagnostics;
using System.Diagnostics.Metrics;
using IncidentBot.Core.Commands;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Telemetry;

/// <summary>
/// The bot's own instruments, all on the meter <see cref="BotTelemetry.Name"/>. Plain .NET metrics: recording costs
/// next to nothing when nobody listens, and the host decides who does (OpenTelemetry's Prometheus exporter at
/// <c>/metrics</c>). One class for every surface: what differs between surfaces is a <c>surface</c> tag, not an
/// instrument. Gauges read the last <see cref="MetricsSample"/> published (the store is asynchronous, a gauge's
/// callback is not: a sampler refreshes it, see <see cref="Publish"/>).
/// </summary>
public sealed class BotMetrics
{
    private readonly Counter<long> commands;
    private readonly Histogram<double> commandDuration;
    private readonly Histogram<double> commitDuration;
    private readonly Counter<long> deliveries;
    private readonly Counter<long> rateLimited;
    private readonly Counter<long> apiRetries;
    private readonly Counter<long> executions;
    private readonly Counter<long> verifications;
    private MetricsSample sample = MetricsSample.Empty;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/> (disposed with it).</summary>
    public BotMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(BotTelemetry.Name);
        commands = meter.CreateCounter<long>("incidentbot.commands", "{command}", "Commands handled, by surface, verb and outcome (accepted, refused, duplicate, answered, error).");
        commandDuration = meter.CreateHistogram("incidentbot.command.duration", "s", "Time to handle one command, from the engine's entry to its answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        commitDuration = meter.CreateHistogram("incidentbot.commit.duration", "s", "Time from handing a command's events to the store until they were committed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        deliveries = meter.CreateCounter<long>("incidentbot.deliveries", "{message}", "Notification deliveries, by surface and outcome (delivered, retry, refused).");
        rateLimited = meter.CreateCounter<long>("incidentbot.delivery.rate_limited", "{response}", "HTTP 429 answers from a surface's platform API.");
        apiRetries = meter.CreateCounter<long>("incidentbot.api.retries", "{call}",
            "Platform API calls retried in place, inside one delivery attempt (a 429 with a short Retry-After, a timeout, a 5xx), by surface.");
        executions = meter.CreateCounter<long>("incidentbot.executions", "{execution}", "Containment executions recorded, by outcome (succeeded, failed).");
        verifications = meter.CreateCounter<long>("incidentbot.verifications", "{verification}", "Verifications recorded, by outcome (passed, failed, inconclusive).");
        meter.CreateObservableGauge("incidentbot.outbox.overdue", () => sample.Outbox.Select(o =>
            new Measurement<long>(o.Overdue, new KeyValuePair<string, object?>("kind", o.Kind))), "{item}",
            "Outbox items due or being retried, by kind (job, notify).");
        meter.CreateObservableGauge("incidentbot.outbox.oldest_age", () => sample.Outbox.Select(o =>
            new Measurement<double>(o.OldestAge.TotalSeconds, new KeyValuePair<string, object?>("kind", o.Kind))), "s",
            "How long the oldest overdue outbox item of a kind has waited (0 when none).");
        meter.CreateObservableGauge("incidentbot.incidents.open", () => sample.OpenIncidents.Select(i =>
            new Measurement<long>(i.Count, new KeyValuePair<string, object?>("severity", i.Severity), new KeyValuePair<string, object?>("state", i.State))), "{incident}",
            "Open incidents (drills left out), by severity and state.");
        meter.CreateObservableGauge("incidentbot.ready", () => sample.Ready is { } ready ? [new Measurement<int>(ready ? 1 : 0)] : Array.Empty<Measurement<int>>(), null,
            "1 while the readiness checks pass, 0 while they fail.");
    }

    /// <summary>Latency bucket boundaries in seconds: 1 ms to 10 s.</summary>
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// Exports the result counters at zero, so that their series exist before the first execution or verification (a
    /// rate or an alert over a series that does not exist yet sees nothing). Call once listeners are attached.
    /// </summary>
    public void PrimeResults()
    {
        foreach (var outcome in new[] { "succeeded", "failed" }) executions.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        foreach (var outcome in new[] { "passed", "failed", "inconclusive" }) verifications.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Exports <paramref name="surface"/>'s delivery, 429 and in-place retry counters at zero (see <see cref="PrimeResults"/>).</summary>
    public void PrimeSurface(string surface)
    {
        foreach (var outcome in new[] { DeliveryOutcomes.Delivered, DeliveryOutcomes.Retry, DeliveryOutcomes.Refused }) Delivered(surface, outcome, 0);
        rateLimited.Add(0, new KeyValuePair<string, object?>("surface", surface));
        apiRetries.Add(0, new KeyValuePair<string, object?>("surface", surface));
    }

    /// <summary>The sample the gauges report from now on.</summary>
    public void Publish(MetricsSample next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref sample, next);
    }

    /// <summary>Counts one handled command and its duration.</summary>
    /// <param name="surface">One of <see cref="Evidence.Surfaces"/>.</param>
    /// <param name="verb">The parsed verb, or <c>unparsed</c>: never free text, so the tag stays bounded.</param>
    /// <param name="outcome">How it ended, or null when it threw.</param>
    /// <param name="elapsed">How long it took.</param>
    public void CommandHandled(string surface, string verb, CommandOutcome? outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "surface", surface }, { "verb", verb }, { "outcome", OutcomeName(outcome) } };
        commands.Add(1, tags);
        commandDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("surface", surface));
    }

    /// <summary>Records how long one append took to commit.</summary>
    public void Committed(TimeSpan elapsed) => commitDuration.Record(elapsed.TotalSeconds);

    /// <summary>Counts <paramref name="count"/> notifications whose delivery ended as <paramref name="outcome"/>.</summary>
    /// <param name="surface">The surface delivered to.</param>
    /// <param name="outcome"><c>delivered</c>, <c>retry</c> or <c>refused</c>.</param>
    /// <param name="count">How many outbox rows the attempt settled.</param>
    public void Delivered(string surface, string outcome, int count = 1) =>
        deliveries.Add(count, new KeyValuePair<string, object?>("surface", surface), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts one HTTP 429 from <paramref name="surface"/>'s platform.</summary>
    public void RateLimitedBy(string surface) => rateLimited.Add(1, new KeyValuePair<string, object?>("surface", surface));

    /// <summary>Counts a platform API call of <paramref name="surface"/> that its resilience pipeline is about to try
    /// again in place (not an outbox re-attempt: those are <c>incidentbot.deliveries</c> with outcome <c>retry</c>).</summary>
    public void CallRetried(string surface) => apiRetries.Add(1, new KeyValuePair<string, object?>("surface", surface));

    /// <summary>Counts a result of the bot's own work that the engine recorded (a re-run job's repeated report is not
    /// recorded again and not counted again).</summary>
    public void ResultRecorded(Trigger result)
    {
        switch (result)
        {
            case Trigger.ExecutionSucceeded: executions.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded")); break;
            case Trigger.ExecutionFailed: executions.Add(1, new KeyValuePair<string, object?>("outcome", "failed")); break;
            case Trigger.VerificationPassed: verifications.Add(1, new KeyValuePair<string, object?>("outcome", "passed")); break;
            case Trigger.VerificationFailed: verifications.Add(1, new KeyValuePair<string, object?>("outcome", "failed")); break;
            case Trigger.VerificationInconclusive: verifications.Add(1, new KeyValuePair<string, object?>("outcome", "inconclusive")); break;
        }
    }

    /// <summary>The <c>outcome</c> tag of a command.</summary>
    public static string OutcomeName(CommandOutcome? outcome) => outcome switch
    {
        CommandOutcome.Applied => "accepted",
        CommandOutcome.Refused => "refused",
        CommandOutcome.Duplicate => "duplicate",
        CommandOutcome.Answered => "answered",
        _ => "error",
    };
}
