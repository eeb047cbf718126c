using Microsoft.IdentityModel.Tokens;

namespace IncidentBot.Teams.Authentication;

/// <summary>One RSA key of the Bot Framework's JWKS, with the channel ids it is endorsed for.</summary>
internal sealed record SigningKey(string KeyId, RsaSecurityKey SecurityKey, IReadOnlyList<string> Endorsements);
