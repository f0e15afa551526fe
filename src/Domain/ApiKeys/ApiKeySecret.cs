using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Domain.ApiKeys;

/// <summary>
/// A freshly generated API key secret: <c>sbk_{prefix}_{random}</c>. The prefix identifies the key for look-up and
/// display; only the SHA-256 hash of the whole secret is kept. The secret carries 256 random bits, so a plain
/// (unsalted, fast) hash is the right tool: there is nothing to brute-force.
/// </summary>
public sealed record ApiKeySecret(string Plaintext, string Prefix, string Hash)
{
    private const string Marker = "sbk";
    private const int PrefixLength = 8;

    public static ApiKeySecret Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var random = Base64Url(RandomNumberGenerator.GetBytes(32));
        var plaintext = $"{Marker}_{prefix}_{random}";
        return new ApiKeySecret(plaintext, prefix, HashOf(plaintext));
    }

    /// <summary>The prefix of a presented secret, or null when it does not have the shape of one of ours.</summary>
    public static string? PrefixOf(string presented)
    {
        var parts = presented.Split('_', 3);
        return parts.Length == 3 && parts[0] == Marker && parts[1].Length == PrefixLength ? parts[1] : null;
    }

    public static string HashOf(string plaintext) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(HashOf(presented)),
            Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public override string ToString() => $"sbk_{Prefix}_***";
}
