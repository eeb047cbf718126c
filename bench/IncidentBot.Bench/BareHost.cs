using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Bench;

/// <summary>What the bare baselines share: a slim Kestrel host on loopback and the signed-body read.</summary>
internal static class BareHost
{
    public static WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>The raw body as text when its Slack signature checks out, else null.</summary>
    public static async Task<string?> ReadVerifiedAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return SlackSigner.Verify(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], bytes)
            ? Encoding.UTF8.GetString(bytes)
            : null;
    }
}
