using System.Text;
using IncidentBot.Core.Execution;
using IncidentBot.TestSupport.Secrets;

namespace IncidentBot.Core.Tests.Execution;

public sealed class SecretRedactorTests
{
    public static TheoryData<string, string> EveryFormOfEveryHostileSecret()
    {
        var data = new TheoryData<string, string>();
        foreach (var secret in SecretForms.Hostile)
            foreach (var form in SecretForms.Of(secret))
                data.Add(secret, form);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFormOfEveryHostileSecret))]
    public void Redact_SecretInAnyForm_ReplacedByMaskAndTextAroundKept(string secret, string form)
    {
        // Arrange
        var redactor = SecretRedactor.ForSecrets([secret]);

        // Act
        var redacted = redactor.Redact($"GET /deploy?token={form} -> 500; body: \"{form}\" done");

        // Assert
        Assert.Equal("GET /deploy?token=*** -> 500; body: \"***\" done", redacted);
    }

    [Theory]
    [MemberData(nameof(EveryFormOfEveryHostileSecret))]
    public void Redact_FormsMixedInOneUrlLikeUriToString_NoFormLeft(string secret, string form)
    {
        // Arrange: Uri.ToString() unescapes some characters and not others; every form may sit next to another one.
        var redactor = SecretRedactor.ForSecrets(SecretForms.Hostile);
        var text = $"{form} {form} {new Uri("http://h.invalid/a/" + Uri.EscapeDataString(secret) + "?t=" + Uri.EscapeDataString(secret))}";

        // Act
        var redacted = redactor.Redact(text);

        // Assert
        Assert.Empty(SecretForms.FoundIn(redacted, [secret]));
        Assert.StartsWith("*** *** http://h.invalid/a/***?t=***", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_SecretMadeOfEscapeSequences_EveryFormHidden()
    {
        // Arrange: its own characters look like escapes ("%2F", "\u0041", "&lt;", "+"), so each may be read two ways.
        const string secret = "50%2Fx\\u0041&lt;+y 1";
        var redactor = SecretRedactor.ForSecrets([secret]);

        // Act
        var redacted = SecretForms.Of(secret).Select(form => redactor.Redact($"a {form} b")).ToList();

        // Assert
        Assert.All(redacted, r => Assert.Equal("a *** b", r));
    }

    [Fact]
    public void Redact_SecretInsideBasicCredentialAtEveryAlignment_WholeCredentialHidden()
    {
        // Arrange
        const string secret = "pass word/1";
        var redactor = SecretRedactor.ForSecrets([secret]);
        var credentials = new[] { "u:", "us:", "use:" }.Select(u => Convert.ToBase64String(Encoding.UTF8.GetBytes(u + secret + "!tail")));

        // Act
        var redacted = credentials.Select(c => redactor.Redact($"Authorization: Basic {c}; next")).ToList();

        // Assert
        Assert.All(redacted, r => Assert.Equal("Authorization: Basic ***; next", r));
    }

    [Fact]
    public void Redact_HexAndHtmlForms_Hidden()
    {
        // Arrange
        const string secret = "dT0k/En+Zz9=Q&x<y>";
        var redactor = SecretRedactor.ForSecrets([secret]);
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(secret));

        // Act
        var redacted = redactor.Redact($"a {hex} b {hex.ToLowerInvariant()} c dT0k/En+Zz9=Q&amp;x&lt;y&#x3E; d");

        // Assert
        Assert.Equal("a *** b *** c *** d", redacted);
    }

    [Fact]
    public void RedactedStart_SecretAcrossTheCut_RedactedBeforeCutting()
    {
        // Arrange
        var secret = SecretForms.LongBase64Token;
        var redactor = SecretRedactor.ForSecrets([secret]);
        var text = new string('x', 290) + Uri.EscapeDataString(secret) + " tail";

        // Act
        var start = redactor.RedactedStart(text, 300);

        // Assert
        Assert.Equal(new string('x', 290) + "*** tail", start);
    }

    [Fact]
    public void RedactedStart_LongTextFullOfSecrets_NoPartOfOneKeptAndCut()
    {
        // Arrange: thousands of secrets shrink to masks, so the excerpt reaches far past the first window.
        const string secret = "pass word/1";
        var redactor = SecretRedactor.ForSecrets([secret]);
        var text = string.Concat(Enumerable.Repeat("pass%20word%2F1,", 5000)) + new string('y', 1000);

        // Act
        var start = redactor.RedactedStart(text, 300);

        // Assert
        Assert.Equal(string.Concat(Enumerable.Repeat("***,", 75)) + "…", start);
    }

    [Fact]
    public void Redact_TextWithoutSecretOrWithPlaceholder_Unchanged()
    {
        // Arrange
        var redactor = SecretRedactor.ForSecrets(SecretForms.Hostile);
        const string text = "POST http://127.0.0.1:5000/deploy?token={{secret.deploy_token}} -> 200 OK in 3 ms; response: {\"ok\":true} %2F \\u002B &lt;";

        // Act
        var redacted = redactor.Redact(text);

        // Assert
        Assert.Equal(text, redacted);
    }

    [Fact]
    public void Redact_SecretShorterThanMinimum_NotLookedFor()
    {
        // Arrange
        var redactor = SecretRedactor.ForSecrets(["abc"]);

        // Act
        var redacted = redactor.Redact("abc abcd");

        // Assert
        Assert.True(redactor.IsEmpty);
        Assert.Equal("abc abcd", redacted);
    }

    [Fact]
    public void DescribeUrl_SecretInQueryAndPath_PlaceholderKeptOtherValuesEscaped()
    {
        // Arrange
        var values = new Dictionary<string, string>
        {
            ["settings.target"] = "http://127.0.0.1:5000", ["to_version"] = "v40 beta/1", ["secret.deploy_token"] = "pass word/1",
        };

        // Act
        var described = TemplateValues.DescribeUrl("{{settings.target}}/deploy/{{secret.deploy_token}}?to={{to_version}}&token={{ secret.deploy_token }}", values);

        // Assert
        Assert.Equal("http://127.0.0.1:5000/deploy/{{secret.deploy_token}}?to=v40%20beta%2F1&token={{secret.deploy_token}}", described);
    }
}
