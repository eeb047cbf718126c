namespace IncidentBot.Core.Telemetry;

/// <summary>The names of the bot's own spans and of the tags it puts on them.</summary>
public static class BotSpans
{
    /// <summary>One command handled by the engine, from parsing to its answer.</summary>
    public const string Command = "incidentbot.command";

    /// <summary>The engine's decision on one incident (under the incident's lock): the events and follow-up work.</summary>
    public const string Decide = "incidentbot.decide";

    /// <summary>The commit of a decision: waiting for the store's append of its events and outbox rows.</summary>
    public const string Commit = "incidentbot.commit";

    /// <summary>One message delivered to a chat surface from the outbox (a child of the command that caused it).</summary>
    public const string Deliver = "incidentbot.deliver";

    /// <summary>One job run from the outbox (a child of the command that caused it).</summary>
    public const string Job = "incidentbot.job";

    /// <summary>Tag: the incident id (INC-n).</summary>
    public const string IncidentId = "incidentbot.incident_id";

    /// <summary>Tag: the surface a command came from or a message goes to (slack, teams, console, api, system).</summary>
    public const string Surface = "incidentbot.surface";

    /// <summary>Tag: the command's verb (declare, ack, contain, …).</summary>
    public const string Verb = "incidentbot.verb";

    /// <summary>Tag: how a command, commit or delivery ended (applied, refused, answered, duplicate, conflict,
    /// delivered, retry, refused).</summary>
    public const string Outcome = "incidentbot.outcome";

    /// <summary>Tag: the outbox row a delivery or job works on (the first row, for a coalesced delivery).</summary>
    public const string OutboxId = "incidentbot.outbox_id";

    /// <summary>Tag: a job's kind (execute, verify, …).</summary>
    public const string JobKind = "incidentbot.job_kind";

    /// <summary>Tag: the attempt number of a delivery or job (1 for the first).</summary>
    public const string Attempt = "incidentbot.attempt";
}
