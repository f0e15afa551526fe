using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.KeyProtection;

public sealed class KeyProtectionOptionsValidator : IValidateOptions<KeyProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options)
    {
        if (!options.HasCertificate)
        {
            return ValidateOptionsResult.Success;
        }

        var key = $"{KeyProtectionOptions.SectionName}:CertificatePath";
        if (!File.Exists(options.CertificatePath))
        {
            return ValidateOptionsResult.Fail($"{key} '{options.CertificatePath}' does not exist.");
        }

        try
        {
            using var certificate = KeyProtectionCertificate.Load(options);
            return certificate.HasPrivateKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{key} '{options.CertificatePath}' holds no private key; the keys could not be read back.");
        }
        catch (CryptographicException)
        {
            // The library's message may quote the file's contents; the password is never in it, but say only what to do.
            return ValidateOptionsResult.Fail($"{key} '{options.CertificatePath}' could not be opened: is it a .pfx file and {KeyProtectionOptions.SectionName}:CertificatePassword its password?");
        }
    }
}
