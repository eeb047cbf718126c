using Microsoft.AspNetCore.Http;

namespace IncidentBot.Slack.Endpoints;

/// <summary>Reads a request body once, as raw bytes (the signature covers them exactly), up to a limit.</summary>
internal static class SlackBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
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
}
