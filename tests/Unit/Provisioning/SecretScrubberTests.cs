using System.Text.Json.Nodes;
using Switchboard.Domain.Provisioning;

namespace Switchboard.UnitTests.Provisioning;

public sealed class SecretScrubberTests
{
    private readonly SecretScrubber _scrubber = new(SecretScrubber.DefaultPatterns);

    [Theory]
    [InlineData("access_token")]
    [InlineData("client_secret")]
    [InlineData("userPassword")]
    [InlineData("pwd")]
    [InlineData("x-token")]
    [InlineData("password_hash")]
    [InlineData("HASHED_PASSWORD")]
    [InlineData("passwd")]
    [InlineData("refreshToken")]
    [InlineData("db.credentials")]
    [InlineData("X-Api-Key")]
    [InlineData("api_key")]
    [InlineData("private key")]
    [InlineData("privateKeyPem")]
    public void SecretKeyName_IsMatchedByPattern_InAnyCaseAndWithAnySeparator(string key) => Assert.True(_scrubber.IsSecret(key));

    [Theory]
    [InlineData("gram_account_uuid")]
    [InlineData("primary_email")]
    [InlineData("status-code")]
    [InlineData("softfail-count")]
    [InlineData("google_id")]
    [InlineData("aliases")]
    public void OrdinaryKeyName_IsKept(string key) => Assert.False(_scrubber.IsSecret(key));

    [Fact]
    public void SecretsNamedByPattern_AreMaskedAtAnyDepth()
    {
        var body = JsonNode.Parse("""{"access_token":"AT","client":{"client_secret":"CS","list":[{"userPassword":"UP"},{"pwd":"PW"}]},"uuid":"u"}""");

        Assert.True(_scrubber.Scrub(body));

        var text = body!.ToJsonString();
        foreach (var secret in new[] { "AT", "CS", "UP", "PW" })
        {
            Assert.DoesNotContain($"\"{secret}\"", text, StringComparison.Ordinal);
        }

        Assert.Equal("u", body["uuid"]!.GetValue<string>());
    }

    [Fact]
    public void UnreadableText_HasSecretsNamedByPatternMasked()
    {
        var (text, scrubbed) = _scrubber.ScrubText("""client_secret=CS1&uuid=1 {"access_token": "AT1", "Api-Key": 42, "email": "a@b"  broken""");

        Assert.True(scrubbed);
        Assert.DoesNotContain("CS1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AT1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("42", text, StringComparison.Ordinal);
        Assert.Contains("uuid=1", text, StringComparison.Ordinal);
        Assert.Contains("\"email\": \"a@b\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfiguredPatterns_ReplaceTheDefaults_WithTheSameMatching()
    {
        var scrubber = new SecretScrubber(["Session ID", " "]);

        Assert.True(scrubber.IsSecret("x-session-id"));
        Assert.True(scrubber.IsSecret("SESSION_ID"));
        Assert.False(scrubber.IsSecret("password"));
    }
}
