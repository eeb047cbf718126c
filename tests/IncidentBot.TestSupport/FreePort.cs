using System.Net;
using System.Net.Sockets;

namespace IncidentBot.TestSupport;

/// <summary>Picks a loopback TCP port that nothing listens on right now.</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago (another process may still take it before it is used).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
