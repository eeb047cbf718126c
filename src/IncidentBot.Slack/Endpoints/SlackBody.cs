using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IncidentBot.Slack.Endpoints;

/// <summary>Reads a request body once, as raw bytes (the signature covers them exactly), up to a limit.</summary>
internal static class SlackBody
{
    /// <summary>How much of an oversize body is read and thrown away so the client receives its 413 (answering before
    /// the client finished sending makes the connection close under it, and the client sees a reset, not an answer).</summary>
    private const int DrainLimit = 1024 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            await DrainAsync(request, cancellationToken).ConfigureAwait(false);
            return null;
        }
        var buffer = new byte[Math.Min(limit + 1, (int?)request.ContentLength + 1 ?? 16 * 1024)];
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > limit) return null;
                    Array.Resize(ref buffer, Math.Min(limit + 1, buffer.Length * 2));
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return total > limit ? null : buffer.AsSpan(0, total).ToArray();
    }

    private static async Task DrainAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > DrainLimit) return; // too big to be worth reading: the connection closes instead
        var size = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false }) size.MaxRequestBodySize = DrainLimit;
        var scratch = new byte[16 * 1024];
        try
        {
            while (await request.Body.ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0) { }
        }
        catch (BadHttpRequestException)
        {
            // Over the drain limit after all: nothing more to do; the 413 is still sent if the connection allows.
        }
    }
}
