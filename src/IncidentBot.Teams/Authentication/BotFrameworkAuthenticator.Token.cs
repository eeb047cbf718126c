using IncidentBot.Teams.Configuration;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IncidentBot.Teams.Authentication;

public sealed partial class BotFrameworkAuthenticator
{
    private async Task<BotFrameworkTokenCheck> CheckTokenAsync(StringValues authorization, CancellationToken cancellationToken)
    {
        if (authorization.Count == 0 || string.IsNullOrEmpty(authorization[0])) return BotFrameworkTokenCheck.Fail("missing Authorization header");
        if (authorization.Count > 1) return BotFrameworkTokenCheck.Fail("more than one Authorization header");
        var parts = authorization[0]!.Split(' ');
        if (parts.Length != 2) return BotFrameworkTokenCheck.Fail("the Authorization header is not 'Bearer <token>'");
        if (!string.Equals(parts[0], Scheme, StringComparison.Ordinal)) return BotFrameworkTokenCheck.Fail("the Authorization scheme is not Bearer");
        var token = parts[1];
        if (token.Length == 0) return BotFrameworkTokenCheck.Fail("the Authorization header has no token");
        if (token.Length > MaxTokenLength) return BotFrameworkTokenCheck.Fail("the token is too long");
        if (appId is null) return BotFrameworkTokenCheck.Fail("no Teams app id is configured");

        if (Read(token) is not { } jwt) return BotFrameworkTokenCheck.Fail("the token is not a valid JWT");
        if (jwt.IsEncrypted) return BotFrameworkTokenCheck.Fail("encrypted tokens are not accepted");
        // Decided on the header before any key is touched: RS256 is the only algorithm the Bot Framework publishes
        // (id_token_signing_alg_values_supported), and refusing everything else here means no HMAC "signature" made
        // with a public key, and no unsigned token, ever reaches a verifier.
        if (!string.Equals(jwt.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
            return BotFrameworkTokenCheck.Fail($"algorithm {Printable(jwt.Alg)} is not allowed (RS256 only)");
        var keyId = !string.IsNullOrEmpty(jwt.Kid) ? jwt.Kid : jwt.X5t;
        if (string.IsNullOrEmpty(keyId)) return BotFrameworkTokenCheck.Fail("the token names no signing key (kid)");

        var lookup = await keys.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (!lookup.KeysAvailable) return BotFrameworkTokenCheck.Fail(KeysUnavailableReason);
        if (lookup.Key is not { } key) return BotFrameworkTokenCheck.Fail("the signing key is not one the Bot Framework publishes");

        var result = await handler.ValidateTokenAsync(jwt, Parameters(key, appId)).ConfigureAwait(false);
        if (!result.IsValid) return BotFrameworkTokenCheck.Fail(Explain(result.Exception));
        var serviceUrl = jwt.TryGetPayloadValue<string>("serviceurl", out var claim) ? claim : null;
        return BotFrameworkTokenCheck.Valid(serviceUrl, key.Endorsements, key.KeyId);
    }

    private JsonWebToken? Read(string token)
    {
        if (!handler.CanReadToken(token)) return null;
        try
        {
            return new JsonWebToken(token);
        }
        catch (SecurityTokenMalformedException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Only the one key named by the token; RS256 only; issuer, audience and lifetime by our own rules.</summary>
    private TokenValidationParameters Parameters(SigningKey key, string audience) => new()
    {
        IssuerSigningKey = key.SecurityKey,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        ValidateIssuer = true,
        ValidIssuer = TeamsOptions.BotFrameworkIssuer,
        IssuerValidator = ValidateIssuer,
        ValidateAudience = true,
        ValidAudience = audience,
        AudienceValidator = (audiences, _, _) => audiences.Contains(audience, StringComparer.Ordinal),
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    /// <summary>Exactly <see cref="TeamsOptions.BotFrameworkIssuer"/>: no trailing-slash or case leniency.</summary>
    private static string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters) =>
        string.Equals(issuer, TeamsOptions.BotFrameworkIssuer, StringComparison.Ordinal)
            ? issuer
            : throw new SecurityTokenInvalidIssuerException("wrong issuer");

    /// <summary>Lifetime against the injected clock, with <see cref="ClockSkew"/> either side.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } exp) throw new SecurityTokenNoExpirationException("no exp");
        if (notBefore is { } nbf && nbf >= exp) throw new SecurityTokenInvalidLifetimeException("nbf after exp");
        var now = time.GetUtcNow().UtcDateTime;
        if (notBefore is { } from && from > now + ClockSkew) throw new SecurityTokenNotYetValidException("not yet valid");
        if (exp < now - ClockSkew) throw new SecurityTokenExpiredException("expired");
        return true;
    }

    private static string Explain(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => $"the token expired more than {ClockSkew.TotalMinutes} minutes ago",
        SecurityTokenNotYetValidException => $"the token is not valid for more than {ClockSkew.TotalMinutes} minutes yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidLifetimeException => "the token's lifetime is invalid",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed (RS256 only)",
        SecurityTokenInvalidSignatureException => "the signature does not verify",
        SecurityTokenMalformedException => "the token is not a valid JWT",
        null => "the token is not valid",
        _ => $"the token is not valid ({exception.GetType().Name})",
    };

    /// <summary>An algorithm name from the header, shown only if it looks like one (it is the caller's text).</summary>
    private static string Printable(string? alg) =>
        alg is { Length: > 0 and <= 16 } && alg.All(char.IsAsciiLetterOrDigit) ? alg : "(unrecognised)";
}
