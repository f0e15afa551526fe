using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Infrastructure.KeyProtection;

internal static class KeyProtectionCertificate
{
    public static X509Certificate2 Load(KeyProtectionOptions options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>The configured certificate with its private key, or null when none is configured or it does not open.</summary>
    public static X509Certificate2? TryLoad(KeyProtectionOptions options)
    {
        if (!options.HasCertificate || !File.Exists(options.CertificatePath))
        {
            return null;
        }

        try
        {
            var certificate = Load(options);
            return certificate.HasPrivateKey ? certificate : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
