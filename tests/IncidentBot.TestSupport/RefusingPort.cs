using System.Net;
using System.Net.Sockets;

namespace IncidentBot.TestSupport;

/// <summary>
/// A loopback port that refuses every connection for as long as this object lives: a socket is bound to it but never
/// listens, so a connect gets a reset at once, and no other process can take the port meanwhile (which a port that
/// was merely free a moment ago, <see cref="FreePort"/>, cannot promise while test assemblies run side by side).
/// </summary>
public sealed class RefusingPort : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>Binds the port.</summary>
    public RefusingPort()
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>The port number.</summary>
    public int Port { get; }

    /// <summary>An <c>http://127.0.0.1:port</c> base URL that refuses.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <inheritdoc />
    public void Dispose() => socket.Dispose();
}
