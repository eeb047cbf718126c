using IncidentBot.Core.Evidence;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Tests.Drills;

/// <summary>The incident row checksum (<see cref="IncidentRowMac"/>) and the drill flag: rows checksummed before the flag existed still verify, and
/// flipping the flag on a row is noticed either way.</summary>
public sealed class DrillRowMacTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rowmac-").FullName;
    private readonly EvidenceSigningKey key;

    public DrillRowMacTests() => key = EvidenceSigningKey.LoadOrCreate(Path.Combine(folder, "signing.pem"));

    public void Dispose()
    {
        key.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static readonly IncidentSummary Row = new("INC-7", 7, "Checkout errors", IncidentState.Triage, Severity.Sev2, "checkout",
        "db-failover", "db-failover@3#0123456789ab", "0123456789abcdef", "alice", 1, 1,
        new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 9, 5, 0, TimeSpan.Zero));

    [Fact]
    public void Canonical_RealIncident_IsTheTextRowsWereChecksummedWithBeforeDrills()
    {
        // The fourteen fields, unit-separator joined, exactly as before the drill flag existed.
        var before = string.Join('\u001F', "INC-7", "7", "Checkout errors", "Triage", "2", "checkout", "db-failover",
            "db-failover@3#0123456789ab", "0123456789abcdef", "alice", "1", "1",
            EvidenceHasher.FormatTime(Row.DeclaredUtc), EvidenceHasher.FormatTime(Row.UpdatedUtc));

        Assert.Equal(before, IncidentRowMac.Canonical(Row));
        Assert.Equal(before + "\u001Fdrill", IncidentRowMac.Canonical(Row with { Drill = true }));
    }

    [Fact]
    public void Attest_DrillFlagFlippedAfterTheChecksum_IsNotAttestedEitherWay()
    {
        var realMac = IncidentRowMac.Compute(key, Row);
        var drill = Row with { Drill = true };
        var drillMac = IncidentRowMac.Compute(key, drill);

        Assert.True(IncidentRowMac.Attest(key, Row, realMac).Attested);
        Assert.True(IncidentRowMac.Attest(key, drill, drillMac).Attested);
        Assert.False(IncidentRowMac.Attest(key, drill, realMac).Attested);
        Assert.False(IncidentRowMac.Attest(key, Row, drillMac).Attested);
    }
}
