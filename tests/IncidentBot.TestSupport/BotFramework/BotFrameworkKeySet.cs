using System.Text.Json.Nodes;

namespace IncidentBot.TestSupport.BotFramework;

/// <summary>
/// The keys of a stand-in Bot Framework and which of them its JWKS publishes right now. Starts with
/// <see cref="Teams"/> (endorsed for <c>msteams</c>) and <see cref="SkypeOnly"/> (endorsed only for <c>skype</c>)
/// published, and <see cref="Unpublished"/> (endorsed for <c>msteams</c>) generated but never published. A test can
/// rotate keys with <see cref="Create"/>, <see cref="Publish"/> and <see cref="Withdraw"/> while
/// <see cref="OpenIdStandIn"/> serves the set. Thread-safe. Disposing it disposes every key it made.
/// </summary>
public sealed class BotFrameworkKeySet : IDisposable
{
    private readonly Lock sync = new();
    private readonly List<BotFrameworkTestKey> owned = [];
    private readonly List<BotFrameworkTestKey> published = [];

    /// <summary>Generates the three standard keys and publishes the first two.</summary>
    public BotFrameworkKeySet()
    {
        Teams = Create("teams-key-a", "msteams");
        SkypeOnly = Create("skype-key-b", "skype");
        Unpublished = Create("unpublished-key-c", "msteams");
        Publish(Teams);
        Publish(SkypeOnly);
    }

    /// <summary>Published; endorsed for <c>msteams</c>. Sign good tokens with it.</summary>
    public BotFrameworkTestKey Teams { get; }

    /// <summary>Published; endorsed only for <c>skype</c>: a good signature, but not for a Teams activity.</summary>
    public BotFrameworkTestKey SkypeOnly { get; }

    /// <summary>Never published (its <c>kid</c> is unknown to the JWKS): a key an attacker might hold.</summary>
    public BotFrameworkTestKey Unpublished { get; }

    /// <summary>The keys the JWKS lists right now, in order.</summary>
    public IReadOnlyList<BotFrameworkTestKey> Published
    {
        get { lock (sync) return [.. published]; }
    }

    /// <summary>A new key owned by this set, not yet published, distinct from every other key of this set (its
    /// material comes from <see cref="BotFrameworkTestKey.FromPool"/>, so other sets may hold the same).</summary>
    public BotFrameworkTestKey Create(string keyId, params string[] endorsements)
    {
        lock (sync)
        {
            var key = BotFrameworkTestKey.FromPool(owned.Count, keyId, endorsements);
            owned.Add(key);
            return key;
        }
    }

    /// <summary>Adds <paramref name="key"/> to the JWKS (no-op if already there).</summary>
    public void Publish(BotFrameworkTestKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (sync)
        {
            if (!published.Contains(key)) published.Add(key);
        }
    }

    /// <summary>Removes <paramref name="key"/> from the JWKS.</summary>
    public void Withdraw(BotFrameworkTestKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (sync) published.Remove(key);
    }

    /// <summary>The JWKS document: <c>{"keys":[…]}</c> with each published key's JWK.</summary>
    public JsonObject ToJwks() => new() { ["keys"] = new JsonArray([.. Published.Select(k => (JsonNode)k.ToJwk())]) };

    /// <summary>Disposes every key this set generated.</summary>
    public void Dispose()
    {
        lock (sync)
        {
            foreach (var key in owned) key.Dispose();
            owned.Clear();
            published.Clear();
        }
    }
}
