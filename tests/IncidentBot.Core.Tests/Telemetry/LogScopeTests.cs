using IncidentBot.Core.Commands;
using IncidentBot.Core.Evidence;
using IncidentBot.Core.Telemetry;

namespace IncidentBot.Core.Tests.Telemetry;

/// <summary>The log scope of a command: the pairs a logger writes, the incident filled in once known.</summary>
public sealed class LogScopeTests
{
    [Fact]
    public void For_CommandNamingItsIncident_CarriesIncidentSurfaceAndDeliveryId()
    {
        var scope = LogScope.For(new CommandEnvelope(Surfaces.Slack, "U1", "/incident approve inc-007", "C1", "slack:cmd:42"));

        Assert.Equal(
            [new("IncidentId", "INC-7"), new("Surface", "slack"), new("DeliveryId", "slack:cmd:42")],
            scope.ToList());
        Assert.Equal("IncidentId:INC-7 Surface:slack DeliveryId:slack:cmd:42", scope.ToString());
    }

    [Fact]
    public void For_DeclarationInAChannel_HasNoIncidentUntilItIsSet_ThenEveryReadSeesIt()
    {
        var scope = LogScope.For(new CommandEnvelope(Surfaces.Slack, "U1", "/incident declare Checkout errors sev2", "C1", "slack:cmd:43"));
        Assert.Null(scope[0].Value);
        Assert.Equal("IncidentId:- Surface:slack DeliveryId:slack:cmd:43", scope.ToString());

        scope.IncidentId = "INC-8";

        Assert.Equal("INC-8", scope.Single(p => p.Key == LogScope.IncidentIdKey).Value);
        Assert.StartsWith("IncidentId:INC-8 ", scope.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void For_ConsoleThread_TakesTheIncidentFromTheThread()
    {
        var scope = LogScope.For(new CommandEnvelope(Surfaces.Console, "alice", "/incident approve", "INC-3"));

        Assert.Equal("INC-3", scope.IncidentId);
        Assert.Null(scope.DeliveryId);
        Assert.Equal(3, scope.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => scope[3]);
    }

    [Fact]
    public void DeliveryId_FromAClient_CannotBreakALogLineOrRunOn()
    {
        var scope = new LogScope(Surfaces.Console, "console:1\nfake: Error line\r\n" + new string('x', 500));

        Assert.DoesNotContain('\n', scope.ToString());
        Assert.DoesNotContain('\r', scope.ToString());
        Assert.StartsWith("console:1?fake: Error line??x", scope.DeliveryId, StringComparison.Ordinal);
        Assert.Equal(LogScope.MaxDeliveryIdLength, scope.DeliveryId!.Length);
    }
}
