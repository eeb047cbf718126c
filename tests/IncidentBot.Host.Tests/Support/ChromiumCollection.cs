namespace IncidentBot.Host.Tests.Support;

/// <summary>Browser tests share one Chromium and do not run in parallel with each other (2 shared cores).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
