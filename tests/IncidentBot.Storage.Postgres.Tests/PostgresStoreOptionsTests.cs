namespace IncidentBot.Storage.Postgres.Tests;

public sealed class PostgresStoreOptionsTests
{
    [Fact]
    public void ToString_ConnectionStringWithPassword_LeavesThePasswordOut()
    {
        var options = new PostgresStoreOptions
        {
            ConnectionString = "Host=db.internal;Port=5433;Database=incidentbot;Username=bot;Password=s3cret-Pa55",
        };

        var text = options.ToString();

        Assert.DoesNotContain("s3cret-Pa55", text, StringComparison.Ordinal);
        Assert.Contains("db.internal", text, StringComparison.Ordinal);
        Assert.Contains("Password=***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_UnreadableConnectionString_ShowsNoneOfIt()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Password=s3cret;;==broken" };

        Assert.DoesNotContain("s3cret", options.ToString(), StringComparison.Ordinal);
    }
}
