using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Integrations.Tests.Support;

/// <summary>
/// A real Kestrel server on a free loopback port that answers with a programmable handler (given the request and its
/// 1-based number) and records every request it receives.
/// </summary>
public sealed class StandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<RecordedRequest> requests = [];

    private StandIn(WebApplication app) => this.app = app;

    /// <summary><c>http://127.0.0.1:port</c>, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Requests received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requests) return requests.ToList(); }
    }

    /// <summary>How many requests arrived.</summary>
    public int Count => Requests.Count;

    public static async Task<StandIn> StartAsync(Func<HttpContext, int, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0").UseShutdownTimeout(TimeSpan.FromSeconds(1));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new StandIn(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Items[BodyKey] = body;
            int number;
            lock (standIn.requests)
            {
                standIn.requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                    context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, DateTimeOffset.UtcNow));
                number = standIn.requests.Count;
            }
            try
            {
                await respond(context, number);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client gave up (a timeout under test): nothing to answer.
            }
        });
        await app.StartAsync();
        standIn.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return standIn;
    }

    private const string BodyKey = "standin.body";

    /// <summary>The request body (already read and recorded by the stand-in).</summary>
    public static string BodyOf(HttpContext context) => (string)context.Items[BodyKey]!;

    /// <summary>Writes a status and body.</summary>
    public static async Task ReplyAsync(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>A loopback port nobody listens on (bound, then released).</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
