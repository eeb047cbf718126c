using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Core.Incidents;

namespace IncidentBot.Core.Evidence;

/// <summary>
/// The keyed checksum every store writes beside an incident projection row. The projection is rebuilt from events,
/// but it is also what lists and searches read; a row edited behind the store no longer matches its checksum (the key
/// lives outside the database), so it is read back with <see cref="IncidentSummary.Attested"/> false.
/// </summary>
public static class IncidentRowMac
{
    /// <summary>The checksum of <paramref name="row"/> as written: <see cref="EvidenceSigningKey.RowMac"/> of its canonical text.</summary>
    public static string Compute(EvidenceSigningKey key, IncidentSummary row)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.RowMac(Canonical(row));
    }

    /// <summary>The row, marked not attested when <paramref name="mac"/> is missing or does not match its content.</summary>
    public static IncidentSummary Attest(EvidenceSigningKey key, IncidentSummary row, string? mac)
    {
        ArgumentNullException.ThrowIfNull(row);
        return mac is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(Compute(key, row)))
            ? row
            : row with { Attested = false };
    }

    /// <summary>The row's fields, unit-separator joined, times as <see cref="EvidenceHasher.FormatTime"/> text; a drill's
    /// row ends with one more field, <c>drill</c>.</summary>
    /// <remarks>The drill flag enters only when it is true: rows checksummed before incidents had the flag (all of them
    /// real incidents) keep their canonical text and still verify, while a row edited from real to drill, or back,
    /// changes its text and no longer matches. The extra field cannot be forged by the others: the last of them is a
    /// formatted time, which never holds the separator.</remarks>
    public static string Canonical(IncidentSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = string.Join('\u001F',
            row.Id, row.Number.ToString(CultureInfo.InvariantCulture), row.Title, row.State.ToString(),
            row.Severity is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "", row.Service, row.RunbookId,
            row.RunbookVersion, row.RunbookHash, row.Commander, row.Version.ToString(CultureInfo.InvariantCulture),
            row.LastSeq.ToString(CultureInfo.InvariantCulture), EvidenceHasher.FormatTime(row.DeclaredUtc),
            EvidenceHasher.FormatTime(row.UpdatedUtc));
        return row.Drill ? text + "\u001Fdrill" : text;
    }
}
