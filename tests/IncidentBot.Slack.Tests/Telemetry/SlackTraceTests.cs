using System.Diagnostics;
using System.Net;
using IncidentBot.Core.Conversations;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Telemetry;
using IncidentBot.Host.Telemetry;
using IncidentBot.Slack.Tests.Support;
using IncidentBot.TestSupport.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace IncidentBot.Slack.Tests.Telemetry;

/// <summary>
/// One trace from a slash command to the Slack message it causes: the inbound request, the engine's command, decision
/// and commit, and, after the outbox row waited for the delivery worker, the delivery and its call to Slack's Web API,
/// whose <c>traceparent</c> header names the same trace. The real host, the product's Slack client and the stand-in over
/// loopback; spans go to an in-memory exporter.
/// </summary>
public sealed class SlackTraceTests
{
    private const string Channel = "C0TRACE";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SlashCommand_DeclareThenNote_EachDeliveryIsInTheTraceOfItsCommand()
    {
        // Arrange
        var spans = new ExportedSpans();
        var bot = new SlackBot(builder => builder.Services.AddOpenTelemetry().WithTracing(t => t.ConfigureBotTracing().AddInMemoryExporter(spans)),
            standInApi: false);
        await bot.InitializeAsync();
        try
        {
            // Act: declare in the channel; the root message is posted by the delivery worker after the response.
            await SlashAsync(bot, "declare Checkout failing sev2 service=checkout-api runbook=service-release", "1.1.trace");
            var root = await bot.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && ThreadTranscript.Str(c, "channel") == Channel && c.Body["thread_ts"] is null)
                .WaitAsync(Within);
            var id = (await bot.Services.GetRequiredService<IConversationReadModel>().FindIncidentByConversationAsync(Surfaces.Slack, Channel, default))!;
            var declare = Trace(root);

            // Assert: one trace holds the request, the engine's spans, the delivery and the call that reached Slack.
            var inbound = await spans.WaitForAsync(s => s.TraceId == declare && s.Kind == ActivityKind.Server && Tag(s, "url.path") == "/slack/commands",
                Within, "for POST /slack/commands");
            var command = await spans.WaitForAsync(s => s.TraceId == declare && s.OperationName == BotSpans.Command, Within, BotSpans.Command);
            var decide = await spans.WaitForAsync(s => s.TraceId == declare && s.OperationName == BotSpans.Decide, Within, BotSpans.Decide);
            var commit = await spans.WaitForAsync(s => s.TraceId == declare && s.OperationName == BotSpans.Commit, Within, BotSpans.Commit);
            var deliver = await spans.WaitForAsync(s => s.TraceId == declare && s.OperationName == BotSpans.Deliver, Within, BotSpans.Deliver);
            var call = await spans.WaitForAsync(s => s.TraceId == declare && s.Kind == ActivityKind.Client && s.ParentSpanId == deliver.SpanId,
                Within, "of the delivery's HTTP call");
            Assert.Equal(inbound.SpanId, command.ParentSpanId);
            Assert.Equal(command.SpanId, decide.ParentSpanId);
            Assert.Equal(command.SpanId, commit.ParentSpanId);
            Assert.Equal(decide.SpanId, deliver.ParentSpanId); // the outbox row was written in the decision
            Assert.Equal(("slack", "declare", "applied", id), (Tag(command, BotSpans.Surface), Tag(command, BotSpans.Verb), Tag(command, BotSpans.Outcome), Tag(command, BotSpans.IncidentId)));
            Assert.Equal(("declare", "appended", id), (Tag(commit, BotSpans.Verb), Tag(commit, BotSpans.Outcome), Tag(commit, BotSpans.IncidentId)));
            Assert.Equal(("slack", "delivered", id), (Tag(deliver, BotSpans.Surface), Tag(deliver, BotSpans.Outcome), Tag(deliver, BotSpans.IncidentId)));
            Assert.Contains("chat.postMessage", Tag(call, "url.full"), StringComparison.Ordinal);
            Assert.Equal(call.SpanId, ActivitySpanIdOf(root)); // the header Slack received is the call's own span

            // Act: a note on the incident, typed in its channel; its line goes to the thread.
            await SlashAsync(bot, $"note {id} error rate is falling", "1.2.trace");
            var line = await bot.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Body["thread_ts"] is not null
                && c.TraceParent?.Contains(declare.ToHexString(), StringComparison.Ordinal) != true && c.Body.ToJsonString().Contains("error rate is falling", StringComparison.Ordinal)).WaitAsync(Within);
            var note = Trace(line);

            // Assert: a decision on an existing incident names it, and the thread's line is in the note's trace.
            var noteDecide = await spans.WaitForAsync(s => s.TraceId == note && s.OperationName == BotSpans.Decide, Within, BotSpans.Decide + " of the note");
            await spans.WaitForAsync(s => s.TraceId == note && s.Kind == ActivityKind.Server && Tag(s, "url.path") == "/slack/commands", Within, "of the note's request");
            Assert.Equal((id, "note", "accepted", "1"), (Tag(noteDecide, BotSpans.IncidentId), Tag(noteDecide, BotSpans.Verb), Tag(noteDecide, BotSpans.Outcome),
                Tag(noteDecide, BotSpans.Attempt)));
            Assert.Equal(noteDecide.SpanId, (await spans.WaitForAsync(s => s.TraceId == note && s.OperationName == BotSpans.Deliver, Within, BotSpans.Deliver + " of the note"))
                .ParentSpanId);
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }

    private static async Task SlashAsync(SlackBot bot, string text, string trigger)
    {
        using var response = await bot.PostSignedAsync("/slack/commands", SlackPayloads.SlashCommand("U0ALICE", Channel, text, trigger), SlackPayloads.Form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The trace a call to the stand-in carried in its <c>traceparent</c> header (fails when it carried none).</summary>
    private static ActivityTraceId Trace(RecordedCall call) =>
        ActivityContext.TryParse(call.TraceParent, null, out var context) ? context.TraceId
            : throw new Xunit.Sdk.XunitException($"{call.Method} carried no valid traceparent ('{call.TraceParent}')");

    private static ActivitySpanId ActivitySpanIdOf(RecordedCall call) =>
        ActivityContext.TryParse(call.TraceParent, null, out var context) ? context.SpanId : default;

    private static string Tag(Activity span, string name) => span.GetTagItem(name)?.ToString() ?? "(none)";
}
