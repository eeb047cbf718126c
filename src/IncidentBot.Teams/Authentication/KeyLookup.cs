namespace IncidentBot.Teams.Authentication;

/// <summary>What the key cache knows about one <c>kid</c>: the key, or that it is unknown, or that no keys could be had.</summary>
internal readonly record struct KeyLookup(SigningKey? Key, bool KeysAvailable)
{
    public static KeyLookup Found(SigningKey key) => new(key, true);

    public static KeyLookup Unknown { get; } = new(null, true);

    public static KeyLookup Unavailable { get; } = new(null, false);
}
