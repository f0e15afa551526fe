namespace Switchboard.Infrastructure.KeyProtection;

/// <summary>
/// Section <c>DataProtection</c>. The key ring that encrypts sessions, Mattermost tokens and bridge secrets lives in the
/// database, where every instance reads it; a certificate protects the keys at rest.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with a private key; empty leaves the keys unencrypted in the database (warned at start).</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The .pfx file's password; from an environment variable or user secrets, never a committed file.</summary>
    public string CertificatePassword { get; set; } = "";

    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);
}
