using Switchboard.Domain.ApiKeys;

namespace Switchboard.UnitTests.ApiKeys;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generate_StoresOnlyTheHashOfThePlaintext()
    {
        var secret = ApiKeySecret.Generate();

        Assert.StartsWith($"sbk_{secret.Prefix}_", secret.Plaintext, StringComparison.Ordinal);
        Assert.Equal(64, secret.Hash.Length);
        Assert.DoesNotContain(secret.Plaintext, secret.Hash, StringComparison.Ordinal);
        Assert.Equal(ApiKeySecret.HashOf(secret.Plaintext), secret.Hash);
    }

    [Fact]
    public void Generate_TwiceGivesDifferentSecretsAndPrefixes()
    {
        var first = ApiKeySecret.Generate();
        var second = ApiKeySecret.Generate();

        Assert.NotEqual(first.Plaintext, second.Plaintext);
        Assert.NotEqual(first.Prefix, second.Prefix);
    }

    [Fact]
    public void Matches_TheGeneratedPlaintext_IsTrue()
    {
        var secret = ApiKeySecret.Generate();

        Assert.True(ApiKeySecret.Matches(secret.Plaintext, secret.Hash));
    }

    [Fact]
    public void Matches_OneCharacterChanged_IsFalse()
    {
        var secret = ApiKeySecret.Generate();
        var tampered = secret.Plaintext[..^1] + (secret.Plaintext[^1] == 'a' ? 'b' : 'a');

        Assert.False(ApiKeySecret.Matches(tampered, secret.Hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("sbk_short_rest")]
    [InlineData("xyz_0123abcd_rest")]
    public void PrefixOf_SomethingNotShapedLikeOurKeys_IsNull(string presented) =>
        Assert.Null(ApiKeySecret.PrefixOf(presented));

    [Fact]
    public void PrefixOf_AGeneratedKey_IsItsPrefix()
    {
        var secret = ApiKeySecret.Generate();

        Assert.Equal(secret.Prefix, ApiKeySecret.PrefixOf(secret.Plaintext));
    }

    [Fact]
    public void ToString_NeverShowsThePlaintext()
    {
        var secret = ApiKeySecret.Generate();

        Assert.DoesNotContain(secret.Plaintext, secret.ToString(), StringComparison.Ordinal);
    }
}
