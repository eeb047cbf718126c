using System.Net;
using System.Text.Json;
using IncidentBot.Core.Evidence;
using IncidentBot.Host.Tests.Support;
using IncidentBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Host.Tests.Review;

/// <summary>
/// The draft review of a whole incident (<see cref="ReviewIncident"/>) over real HTTP: each time in it is the time of
/// the evidence event it names, each duration is the difference of those events, the change that caused it, the
/// approvers, the refusal of a sev2 close without a follow-up owner, and the seal.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReviewEndToEndTests
{
    [Fact]
    public async Task Review_WholeIncident_JsonTimesDurationsChangeApproversAndSealComeFromTheEvidence()
    {
        // Arrange
        await using var run = await ReviewIncident.StartAsync();
        var id = await run.RunAsync();

        // Act
        var incident = await IncidentApi.GetAsync(run.Http, id);
        using var doc = JsonDocument.Parse(await run.Http.GetStringAsync($"/api/incidents/{id}/timeline?format=json"));
        var seal = await run.Bot.App.Services.GetRequiredService<IEvidenceStore>().GetSealAsync(id, CancellationToken.None);

        // Assert: times are the events' times.
        var review = doc.RootElement;
        var times = review.GetProperty("summary").GetProperty("times");
        DateTimeOffset At(string type, int nth = 0) => incident.Events(type)[nth].Time();
        Assert.Equal(run.StartsAt, Time(times, "firstSignal"));
        Assert.Equal(At("IncidentDeclared"), Time(times, "declared"));
        Assert.Equal(At("IncidentTriaged"), Time(times, "acknowledged"));
        Assert.Equal("alice", times.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(At("IncidentTriaged"), Time(times, "triaged"));
        Assert.Equal(At("ContainmentChosen"), Time(times, "containmentChosen"));
        Assert.Equal(At("ApprovalGranted", 1), Time(times, "approved"));   // carol's: the second of two completed the quorum
        Assert.Equal(At("ExecutionSucceeded"), Time(times, "mitigated"));
        Assert.Equal(At("VerificationPassed"), Time(times, "recovered"));
        Assert.Equal(At("ReviewStarted"), Time(times, "reviewStarted"));
        Assert.Equal(At("IncidentClosed"), Time(times, "closed"));

        // Durations are differences of those events.
        var durations = review.GetProperty("summary").GetProperty("durations");
        Assert.Equal((At("IncidentTriaged") - At("IncidentDeclared")).TotalSeconds, durations.GetProperty("toAcknowledge").GetDouble(), 6);
        Assert.Equal((At("ApprovalGranted", 1) - At("ContainmentChosen")).TotalSeconds, durations.GetProperty("toApprove").GetDouble(), 6);
        Assert.Equal((At("ExecutionSucceeded") - At("IncidentDeclared")).TotalSeconds, durations.GetProperty("toMitigate").GetDouble(), 6);
        Assert.Equal((At("VerificationPassed") - At("IncidentDeclared")).TotalSeconds, durations.GetProperty("toRecover").GetDouble(), 6);
        Assert.Equal((At("IncidentClosed") - At("IncidentDeclared")).TotalSeconds, durations.GetProperty("total").GetDouble(), 6);
        Assert.Equal((At("VerificationPassed") - run.StartsAt).TotalSeconds, durations.GetProperty("impact").GetDouble(), 6);

        // The change that caused it, what the rollback moved, who decided.
        var suspect = review.GetProperty("changes").GetProperty("suspect");
        Assert.Equal(("prompt-v42", "dan", false), (suspect.GetProperty("version").GetString(), suspect.GetProperty("deployedBy").GetString(), suspect.GetProperty("approved").GetBoolean()));
        var moved = Assert.Single(review.GetProperty("changes").GetProperty("moved").EnumerateArray());
        Assert.Equal(("prompt", "prompt-v42", "prompt-v41"), (moved.GetProperty("layer").GetString(), moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString()));
        var containment = Assert.Single(review.GetProperty("containments").EnumerateArray());
        Assert.Equal(["bob", "carol"], containment.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("alice", containment.GetProperty("chosenBy").GetString());
        Assert.Equal(["done", "done", "handed to people"], containment.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("result").GetString()));
        var manual = containment.GetProperty("steps")[2];
        Assert.Equal("Post in #support that refund answers are back to the approved prompt.", manual.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, manual.GetProperty("confirmedBy").ValueKind);   // the checks recovered it; no person confirmed the step
        Assert.StartsWith("passed", containment.GetProperty("verification").GetString(), StringComparison.Ordinal);
        var decisions = review.GetProperty("decisions").EnumerateArray().Select(d => (d.GetProperty("by").GetString(), d.GetProperty("kind").GetString())).ToList();
        Assert.Equal([("alice", "chose"), ("bob", "approved"), ("carol", "approved"), ("alice", "refused")], decisions);

        // The refused close named what was missing; the review holds the rest.
        Assert.Contains("follow-up with an owner (has 0)", run.CloseRefusal, StringComparison.Ordinal);
        Assert.Empty(review.GetProperty("required").GetProperty("missing").EnumerateArray());
        var followUps = review.GetProperty("followUps").EnumerateArray().Select(f => (f.GetProperty("owner").GetString(), f.GetProperty("due").GetString())).ToList();
        Assert.Equal([(null, null), ("carol", "2026-12-31")], followUps);
        Assert.Equal(ReviewIncident.Learning, Assert.Single(review.GetProperty("learnings").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal("prompt-v42, deployed by dan without approval", review.GetProperty("questions")[0].GetProperty("answer").GetString());

        // The seal and the chain head.
        Assert.NotNull(seal);
        Assert.Equal(seal, review.GetProperty("seal").GetString());
        var events = review.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(events[^1].GetProperty("hash").GetString(), review.GetProperty("chainHead").GetString());
        Assert.Equal(incident.GetProperty("timeline").GetArrayLength(), events.Count);
    }

    [Fact]
    public async Task Review_WholeIncident_MarkdownAndPageCarryTheSummaryAndTheSeal()
    {
        // Arrange
        await using var run = await ReviewIncident.StartAsync();
        var id = await run.RunAsync();
        var seal = await run.Bot.App.Services.GetRequiredService<IEvidenceStore>().GetSealAsync(id, CancellationToken.None);

        // Act
        var md = await run.Http.GetStringAsync($"/api/incidents/{id}/timeline?format=md");
        using var page = await run.Http.GetAsync($"/incidents/{id}/review");
        using var download = await run.Http.GetAsync($"/incidents/{id}/review?download=1");
        using var api = await run.Http.GetAsync($"/api/incidents/{id}/timeline?format=html");

        // Assert
        Assert.Contains("| Time to mitigate |", md, StringComparison.Ordinal);
        Assert.Contains($"- Evidence seal: `{seal}`", md, StringComparison.Ordinal);
        Assert.Contains("prompt: prompt-v41 → prompt-v42 by dan", md, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<th>Time to mitigate</th>", html, StringComparison.Ordinal);
        Assert.Contains(seal!, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Null(page.Content.Headers.ContentDisposition);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{id}-review.html", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(html, await api.Content.ReadAsStringAsync());
        Assert.Equal(csp, api.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static DateTimeOffset Time(JsonElement times, string name) =>
        EvidenceHasher.ParseTime(times.GetProperty(name).GetString()!);
}
