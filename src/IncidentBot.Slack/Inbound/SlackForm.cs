using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace IncidentBot.Slack.Inbound;

/// <summary>Decodes an <c>application/x-www-form-urlencoded</c> body (<c>+</c> is a space).</summary>
internal static class SlackForm
{
    public static Dictionary<string, StringValues> Parse(ReadOnlySpan<byte> body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));

    /// <summary>The single value of <paramref name="name"/>, or null when absent, empty or repeated.</summary>
    public static string? Single(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var v) && v.Count == 1 && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
}
