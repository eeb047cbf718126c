using System.Net.Sockets;

namespace IncidentBot.Host.Startup;

/// <summary>Turns Kestrel's bind failures into one line naming the address and what to do (<see cref="ExitCodes.CannotListen"/>).</summary>
internal static class ListenCheck
{
    public const string Headline = "IncidentBot will not start: it cannot listen for requests.";

    /// <summary>The failure to throw for <paramref name="e"/>, or null when it is not a bind failure.</summary>
    public static StartupFailedException? Explain(Exception e, string? urls)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is not IOException && e.InnerException is not SocketException) return null;
        var where = string.IsNullOrWhiteSpace(urls) ? "the default address" : urls;
        var inUse = e.InnerException?.GetType().Name == "AddressInUseException"
            || e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
            || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
        var line = inUse
            ? $"{where}: the address is already in use (another IncidentBot?). Stop the other process, or choose another port with --urls or ASPNETCORE_URLS."
            : $"{where}: {e.Message.Split('\n', 2)[0].Trim()} Check --urls / ASPNETCORE_URLS.";
        return new StartupFailedException(ExitCodes.CannotListen, Headline, [line], e);
    }
}
