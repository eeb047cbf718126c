using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents.Events;
using IncidentBot.Core.Incidents.Lifecycle;

namespace IncidentBot.Core.Incidents;

/// <summary>
/// The incident aggregate. Its state is never stored: it is folded from the incident's evidence events
/// (<see cref="FromEvents"/>), so the log is the single source of truth and the projection can always be rebuilt.
/// Decisions (the intent methods in Incident.Decisions.cs) return new events; they never mutate the incident.
/// Each event that fires a trigger records the move it made (<see cref="IncidentEvent.Moved"/>, written by
/// <see cref="Record"/>); folding applies that move as recorded and never asks the lifecycle's guards again, so a
/// changed rule cannot change what already happened.
/// </summary>
public sealed partial class Incident
{
    private readonly List<Containment> containments = [];
    private readonly Dictionary<string, string> roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ReviewItem> learningItems = [];
    private readonly List<ReviewItem> factors = [];
    private readonly List<FollowUpItem> followUpItems = [];
    private readonly SortedDictionary<int, ReviewAnswer> answers = [];
    private readonly List<ConversationReference> conversations = [];

    private readonly IncidentLifecycle? ownLifecycle;

    private Incident(string id, LifecycleRules? rules)
    {
        Id = id;
        if (rules is not null && !ReferenceEquals(rules, LifecycleRules.Default)) ownLifecycle = new IncidentLifecycle(rules);
    }

    /// <summary>The machine that decides new moves: this thread's for the default rules, the incident's own otherwise.</summary>
    private IncidentLifecycle Lifecycle => ownLifecycle ?? IncidentLifecycle.ForThisThread();

    /// <summary><c>INC-n</c>.</summary>
    public string Id { get; }
    /// <summary>n in <c>INC-n</c>.</summary>
    public int Number => int.TryParse(Id.AsSpan(Streams.IncidentPrefix.Length), out var n) ? n : 0;
    /// <summary>Title given at declaration.</summary>
    public string Title { get; private set; } = "";
    /// <summary>Affected service (may be empty).</summary>
    public string Service { get; private set; } = "";
    /// <summary>Severity, null until declared with one or triaged.</summary>
    public Severity? Severity { get; private set; }
    /// <summary>True for a practice incident (<c>/incident drill</c>): marked as a drill everywhere, its steps and checks
    /// use <c>Executors:DrillSettings</c>, and it is never counted as a real incident.</summary>
    public bool IsDrill { get; private set; }
    /// <summary>Affected layers from triage.</summary>
    public IReadOnlyList<string> Layers { get; private set; } = [];
    /// <summary>Lifecycle state.</summary>
    public IncidentState State { get; private set; } = IncidentState.Triage;
    /// <summary>Number of accepted events (refusals excluded).</summary>
    public int Version { get; private set; }
    /// <summary>Last sequence number in the stream (refusals included): the expected sequence of the next append.</summary>
    public long LastSeq { get; private set; }
    /// <summary>Pinned runbook id.</summary>
    public string RunbookId { get; private set; } = "";
    /// <summary>Pinned runbook content hash.</summary>
    public string RunbookHash { get; private set; } = "";
    /// <summary>Pinned runbook version text.</summary>
    public string RunbookVersion { get; private set; } = "";
    /// <summary>Person id of the commander.</summary>
    public string Commander => roles.GetValueOrDefault("commander", "");
    /// <summary>Roles and who holds them.</summary>
    public IReadOnlyDictionary<string, string> Roles => roles;
    /// <summary>Surface the incident was declared on.</summary>
    public string OriginSurface { get; private set; } = "";
    /// <summary>Conversation it was declared in (thread key), if any.</summary>
    public string? OriginConversation { get; private set; }
    /// <summary>The conversations it talks in, one per place (surface and channel), each as last bound.</summary>
    public IReadOnlyList<ConversationReference> Conversations => conversations;
    /// <summary>When it was declared.</summary>
    public DateTimeOffset DeclaredUtc { get; private set; }
    /// <summary>When its last event was recorded.</summary>
    public DateTimeOffset UpdatedUtc { get; private set; }
    /// <summary>Containment attempts, oldest first.</summary>
    public IReadOnlyList<Containment> Containments => containments;
    /// <summary>The latest containment attempt, if any.</summary>
    public Containment? Current => containments.Count > 0 ? containments[^1] : null;
    /// <summary>Learnings recorded in the review.</summary>
    public IReadOnlyList<string> Learnings => learningItems.Select(l => l.Text).ToList();
    /// <summary>Follow-up actions recorded in the review.</summary>
    public IReadOnlyList<string> FollowUps => followUpItems.Select(f => f.Text).ToList();
    /// <summary>How many of <see cref="FollowUps"/> name an owner.</summary>
    public int FollowUpsWithOwner => followUpItems.Count(f => f.Owner is not null);
    /// <summary>Learnings with who recorded them and when.</summary>
    public IReadOnlyList<ReviewItem> LearningItems => learningItems;
    /// <summary>Contributing factors recorded in the review.</summary>
    public IReadOnlyList<ReviewItem> ContributingFactors => factors;
    /// <summary>Follow-ups with owner, due date, who recorded them and when.</summary>
    public IReadOnlyList<FollowUpItem> FollowUpItems => followUpItems;
    /// <summary>The review questions pinned when the review started (empty before).</summary>
    public IReadOnlyList<string> ReviewQuestions { get; private set; } = [];
    /// <summary>Answers by 1-based question number; the latest answer to a number wins.</summary>
    public IReadOnlyDictionary<int, ReviewAnswer> Answers => answers;
    /// <summary>Numbers of the review questions not answered yet.</summary>
    public IReadOnlyList<int> UnansweredQuestions => Enumerable.Range(1, ReviewQuestions.Count).Where(n => !answers.ContainsKey(n)).ToList();

    /// <summary>Runtime controls and pauses in force: executed, and not lifted by a later executed lift.</summary>
    public IReadOnlyList<Containment> ControlsInForce => containments
        .Where(c => c is { Lifts: false, Kind: Runbooks.ContainmentKind.Control or Runbooks.ContainmentKind.Pause, Status: ContainmentStatus.Executed })
        .Where(c => !containments.Any(l => l.Lifts && l.OptionId == c.OptionId && l.Attempt > c.Attempt && l.Status == ContainmentStatus.Executed))
        .GroupBy(c => c.OptionId).Select(g => g.Last()).ToList();

    /// <summary>Where the service stands between fully live and fully off, in words.</summary>
    public string ServiceMode
    {
        get
        {
            var manual = containments.LastOrDefault(c => c is { Kind: Runbooks.ContainmentKind.Manual, Status: ContainmentStatus.Executed });
            var inForce = ControlsInForce;
            var paused = inForce.Where(c => c.Kind == Runbooks.ContainmentKind.Pause).Select(c => c.OptionId).ToList();
            var controlled = inForce.Where(c => c.Kind == Runbooks.ContainmentKind.Control).Select(c => c.OptionId).ToList();
            if (manual is not null && State is not (IncidentState.Closed or IncidentState.Cancelled) && State != IncidentState.Recovered && State != IncidentState.InReview)
                return $"off: manual procedure ({manual.OptionId})";
            if (paused.Count > 0) return $"partly paused: {string.Join(", ", paused)}{(controlled.Count > 0 ? "; restricted: " + string.Join(", ", controlled) : "")}";
            if (controlled.Count > 0) return $"restricted: {string.Join(", ", controlled)}";
            return "fully live";
        }
    }

    /// <summary>The step index at which the current containment's execution was interrupted, if it was.</summary>
    public int? InterruptedStep { get; private set; }

    /// <summary>True when one more distinct approval completes the current containment's quorum.</summary>
    public bool QuorumReachedWithOneMore => Current is { } c && c.ApprovalsMissing <= 1;

    /// <summary>A break-glass containment that still lacks its approval after the fact, if any.</summary>
    public Containment? PendingAfterTheFactApproval =>
        containments.FirstOrDefault(c => c.BreakGlass && c.ApprovalsMissing > 0);

    /// <summary>Triggers that may fire now: what the cards offer as buttons.</summary>
    public IReadOnlyList<Trigger> PermittedTriggers => Lifecycle.Permitted(State, LifecycleInputs());

    /// <summary>What the lifecycle's guards look at now; the candidate's numbers are those of a containment being
    /// chosen (approvals it needs and whether break-glass is allowed, at the current severity).</summary>
    public LifecycleInputs LifecycleInputs(int candidateApprovals = 1, bool candidateBreakGlass = false) =>
        new(candidateApprovals, candidateBreakGlass, Current?.ApprovalsMissing ?? 0, InterruptedStep is not null,
            ControlsInForce.Count > 0, PendingAfterTheFactApproval is not null);

    /// <summary>An incident with no events yet, to <see cref="Record"/> a declaration into.</summary>
    public static Incident Start(string id, LifecycleRules? rules = null) => new(id, rules);

    /// <summary>Folds stored events into an incident. Returns null for an empty stream. <paramref name="rules"/> decide
    /// only events recorded before moves were (and later <see cref="Record"/>s); the default rules when null.</summary>
    public static Incident? FromEvents(string id, IEnumerable<EvidenceEvent> events, LifecycleRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        Incident? incident = null;
        foreach (var e in events)
        {
            incident ??= new Incident(id, rules);
            incident.Apply(e);
        }
        return incident;
    }

    /// <summary>The read-model row for this incident.</summary>
    public IncidentSummary Summarize() => new(Id, Number, Title, State, Severity, Service, RunbookId, RunbookVersion,
        RunbookHash, Commander, Version, LastSeq, DeclaredUtc, UpdatedUtc) { Drill = IsDrill };

    /// <summary>Folds stored events whose payloads were already decoded (<see cref="EventCodec.Deserialize"/>).</summary>
    public static Incident? FromDecoded(string id, IEnumerable<(EvidenceEvent Stored, IncidentEvent? Payload)> events, LifecycleRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        Incident? incident = null;
        foreach (var (stored, payload) in events)
        {
            incident ??= new Incident(id, rules);
            incident.Apply(stored, payload);
        }
        return incident;
    }

    /// <summary>Applies one stored event (accepted or refused) to the state.</summary>
    internal void Apply(EvidenceEvent stored) => Apply(stored, EventCodec.Deserialize(stored.Type, stored.PayloadJson));

    private void Apply(EvidenceEvent stored, IncidentEvent? e)
    {
        LastSeq = stored.Seq;
        UpdatedUtc = stored.OccurredUtc;
        if (e is ConversationBound bound) Bind(bound.Conversation);
        if (e is null || !e.CountsAsChange) return;
        Version++;
        ApplyPayload(e, stored);
    }

    /// <summary>
    /// Applies a new event (not yet stored) as it is being recorded: the lifecycle decides its move now, with the rules
    /// of now, and the event is returned with that move written on it (<see cref="IncidentEvent.Moved"/>). A trigger
    /// the lifecycle does not permit here records that it stayed where it was. <paramref name="standIn"/> carries the
    /// who and when the event will be stored with.
    /// </summary>
    public IncidentEvent Record(IncidentEvent e, EvidenceEvent standIn)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(standIn);
        var recorded = DecideMove(e) is { } move ? e with { Moved = move.Change } : e;
        Apply(standIn, recorded);
        return recorded;
    }

    private void ApplyPayload(IncidentEvent e, EvidenceEvent stored)
    {
        // A recorded move is applied as written. Events stored before moves were recorded carry none: for them the
        // move is decided again against the state before the event, as it always was (the upcaster of old events),
        // except for triggers that never leave a state, which need no decision.
        var to = e.Moved is { } recorded ? recorded.To
            : e.Trigger is { } t && IncidentLifecycle.NeverLeavesAState(t) ? null
            : DecideMove(e) is { Permitted: true } decided ? decided.To : (IncidentState?)null;
        Mutate(e, stored);
        if (to is { } state) State = state;
    }

    /// <summary>The lifecycle's move for <paramref name="e"/> from the state now, or null for an event that fires no
    /// trigger (or declares: a declaration starts the machine at <see cref="IncidentState.Triage"/>).</summary>
    private LifecycleMove? DecideMove(IncidentEvent e) =>
        e.Trigger is { } trigger && trigger != Trigger.Declare
            ? Lifecycle.Decide(State, trigger, e is ContainmentChosen c ? LifecycleInputs(c.RequiredApprovals, c.BreakGlass) : LifecycleInputs())
            : null;

    private void Mutate(IncidentEvent e, EvidenceEvent stored)
    {
        switch (e)
        {
            case IncidentDeclared d:
                (Title, Severity, Service, RunbookId, RunbookHash, RunbookVersion) =
                    (d.Title, d.Severity, d.Service, d.RunbookId, d.RunbookHash, d.RunbookVersion);
                (OriginSurface, OriginConversation, DeclaredUtc) = (d.OriginSurface, d.OriginConversation, stored.OccurredUtc);
                IsDrill = d.Drill == true;
                roles["commander"] = d.Commander;
                State = IncidentState.Triage;
                // Incidents declared before conversations were bound as events talk where they were declared.
                if (ConversationReference.FromOrigin(d.OriginSurface, d.OriginConversation) is { } origin) Bind(origin);
                break;
            case IncidentTriaged t:
                (Severity, Layers) = (t.Severity, t.Layers);
                if (t.ApprovalsRequired is { } required && Current is { Status: ContainmentStatus.AwaitingApproval } pending)
                    pending.RequiredApprovals = required;
                break;
            case ContainmentChosen c:
                containments.Add(new Containment(c, stored.Actor)
                {
                    Status = c.BreakGlass || c.RequiredApprovals == 0 ? ContainmentStatus.Executing : ContainmentStatus.AwaitingApproval,
                });
                break;
            case ApprovalGranted a when FindAttempt(a.Attempt) is { } c:
                c.AddApproval(stored.Actor, a.Note, a.AfterTheFact);
                if (!a.AfterTheFact && c.ApprovalsMissing == 0) c.Status = ContainmentStatus.Executing;
                break;
            case ContainmentRejected r when FindAttempt(r.Attempt) is { } c:
                (c.Status, c.Outcome) = (ContainmentStatus.Rejected, r.Reason);
                break;
            case ExecutionSucceeded s when FindAttempt(s.Attempt) is { } c:
                (c.Status, c.Outcome, c.VerifyingSince) = (ContainmentStatus.Executed, s.Summary, stored.OccurredUtc);
                break;
            case ExecutionFailed f when FindAttempt(f.Attempt) is { } c:
                (c.Status, c.Outcome, InterruptedStep) = (ContainmentStatus.Failed, f.Error, f.InterruptedAt);
                break;
            case StepStarted s when FindAttempt(s.Attempt) is { } c:
                c.SetStep(s.Index, StepState.Started);
                break;
            case StepCompleted s when FindAttempt(s.Attempt) is { } c:
                c.SetStep(s.Index, s.Succeeded ? StepState.Done : StepState.Failed);
                break;
            case ExecutionRetried r when FindAttempt(r.Attempt) is { } c:
                ResumeStepsFrom(c, r.FromStep, StepState.NotStarted);
                break;
            case ExecutionContinued r when FindAttempt(r.Attempt) is { } c:
                ResumeStepsFrom(c, r.SkippedStep, StepState.DoneByHand);
                break;
            case ApprovalExpired x when FindAttempt(x.Attempt) is { } c:
                (c.Status, c.Outcome) = (ContainmentStatus.Rejected, "approval window expired");
                break;
            case CheckPolled p when FindAttempt(p.Attempt) is { } c:
                c.SetStreak(p.CheckId, p.Streak);
                break;
            case ReviewStarted r:
                ReviewQuestions = r.Questions;
                break;
            case LearningRecorded l:
                learningItems.Add(new ReviewItem(l.Text, stored.Actor, stored.OccurredUtc));
                break;
            case ContributingFactorRecorded f:
                factors.Add(new ReviewItem(f.Text, stored.Actor, stored.OccurredUtc));
                break;
            case QuestionAnswered q:
                answers[q.Number] = new ReviewAnswer(q.Number, q.Question, q.Text, stored.Actor, stored.OccurredUtc);
                break;
            case FollowUpAdded f:
                followUpItems.Add(new FollowUpItem(f.Text, f.Owner, f.Due, stored.Actor, stored.OccurredUtc));
                break;
            case RoleAssigned r:
                roles[r.Role] = r.Person;
                break;
            case RunbookChanged rc:
                (RunbookId, RunbookHash, RunbookVersion) = (rc.RunbookId, rc.RunbookHash, rc.RunbookVersion);
                break;
            case SignalReceived sig when FirstSignal is null:
                FirstSignal = sig;
                break;
        }
    }

    private void Bind(ConversationReference conversation)
    {
        var i = conversations.FindIndex(c => c.Surface == conversation.Surface && c.Channel == conversation.Channel);
        if (i < 0) conversations.Add(conversation);
        else conversations[i] = conversation;
    }

    private void ResumeStepsFrom(Containment c, int index, StepState state)
    {
        c.SetStep(index, state);
        foreach (var i in c.Steps.Keys.Where(i => i > index).ToList()) c.SetStep(i, StepState.NotStarted);
        (c.Status, c.Outcome, InterruptedStep) = (ContainmentStatus.Executing, null, null);
        c.Resumptions++;
    }

    private Containment? FindAttempt(int attempt) => containments.FirstOrDefault(c => c.Attempt == attempt);
}
