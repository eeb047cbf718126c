using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IncidentBot.Core.Evidence;

/// <summary>
/// The canonical form and hash of a <see cref="Checkpoint"/>: a JSON array of its number, time, kind, heads
/// (stream, seq, hash), counts, key id and previous hash, hashed with SHA-256. The signature is not part of it.
/// </summary>
public static class CheckpointHasher
{
    /// <summary>The hash <paramref name="checkpoint"/> should carry (ignores its stored hash and signature).</summary>
    public static string ComputeHash(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var c = checkpoint.Counts;
        var canonical = JsonSerializer.Serialize(new object[]
        {
            "checkpoint/1", checkpoint.Number, checkpoint.CreatedUtc, checkpoint.Full,
            checkpoint.Heads.Select(h => new object[] { h.Stream, h.Seq, h.Hash }).ToArray(),
            new[] { c.Deliveries, c.Incidents, c.IncidentCounter, c.Runbooks },
            checkpoint.KeyId, checkpoint.PrevHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// The signed checkpoint that follows <paramref name="last"/> (null: the first of the chain, over every head), as
    /// every store writes it: next number, previous hash (or <see cref="EvidenceHasher.Genesis"/>), the key's id, its
    /// hash and <paramref name="key"/>'s signature of it.
    /// </summary>
    public static Checkpoint Next(EvidenceSigningKey key, Checkpoint? last, string createdUtc,
        IReadOnlyList<StreamHead> heads, CheckpointCounts counts)
    {
        ArgumentNullException.ThrowIfNull(key);
        var draft = new Checkpoint((last?.Number ?? 0) + 1, createdUtc, last is null, heads, counts,
            last?.Hash ?? EvidenceHasher.Genesis, key.PublicKey.KeyId, "", "");
        var hash = ComputeHash(draft);
        return draft with { Hash = hash, Signature = key.Sign(hash) };
    }

    /// <summary>Heads as stored: compact JSON <c>[["INC-1",4,"ab…"],…]</c>.</summary>
    public static string FormatHeads(IEnumerable<StreamHead> heads) =>
        JsonSerializer.Serialize(heads.Select(h => new object[] { h.Stream, h.Seq, h.Hash }));

    /// <summary>Parses <see cref="FormatHeads"/> output; throws <see cref="JsonException"/> or <see cref="FormatException"/> on anything else.</summary>
    public static IReadOnlyList<StreamHead> ParseHeads(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var heads = new List<StreamHead>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (item.GetArrayLength() != 3) throw new FormatException("A head is [stream, seq, hash].");
            heads.Add(new StreamHead(item[0].GetString() ?? throw new FormatException("A head needs a stream."),
                item[1].GetInt64(), item[2].GetString() ?? throw new FormatException("A head needs a hash.")));
        }
        return heads;
    }

    /// <summary>Short form of a hash for messages: its first 12 characters.</summary>
    public static string Short(string hash) =>
        hash.Length > 12 ? hash[..12].ToString(CultureInfo.InvariantCulture) : hash;
}
