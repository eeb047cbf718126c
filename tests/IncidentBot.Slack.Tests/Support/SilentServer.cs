using System.Net;
using System.Net.Sockets;

namespace IncidentBot.Slack.Tests.Support;

/// <summary>A loopback server that accepts connections and never answers: Slack at its slowest. Counts connections.</summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> held = [];
    private int accepted;

    public SilentServer()
    {
        listener.Start();
        ApiBaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/api/");
        _ = AcceptAsync();
    }

    public Uri ApiBaseUrl { get; }

    /// <summary>Connections accepted so far (one per attempt: a cancelled request's connection is not reused).</summary>
    public int Accepted => Volatile.Read(ref accepted);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                lock (held) held.Add(client);
                Interlocked.Increment(ref accepted);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }

    public void Dispose()
    {
        listener.Stop();
        lock (held) held.ForEach(c => c.Dispose());
    }
}
