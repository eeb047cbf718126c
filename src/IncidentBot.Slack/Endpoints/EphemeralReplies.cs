using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack.Endpoints;

/// <summary>
/// Posts ephemeral replies (<c>chat.postEphemeral</c>) after the request that caused them was acknowledged: Slack
/// wants the 200 within 3 seconds, and a Web API call may take longer. Fire-and-forget, but bounded (at most
/// <see cref="MaxInFlight"/> at once, each with its own timeout) and every failure is logged. These are only
/// courtesy replies to one person (a refusal, usage); evidence and thread cards go through the outbox.
/// </summary>
internal sealed class EphemeralReplies(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<EphemeralReplies> logger)
{
    public const int MaxInFlight = 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim slots = new(MaxInFlight);

    public void Post(string channel, string user, string? threadTs, SlackMessage message)
    {
        if (services.GetService<ISlackApi>() is not { } api)
        {
            SlackInboundLog.NoWebApi(logger, "post an ephemeral reply");
            return;
        }
        if (!slots.Wait(0))
        {
            SlackInboundLog.EphemeralDropped(logger, MaxInFlight, channel);
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
                cts.CancelAfter(Timeout);
                await api.PostEphemeralAsync(channel, user, threadTs, message, cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The boundary of a fire-and-forget task: nothing above it would observe the failure.
                SlackInboundLog.EphemeralFailed(logger, channel, ex is SlackApiException s ? s.ErrorCode : ex.GetType().Name);
            }
            finally
            {
                slots.Release();
            }
        });
    }
}
