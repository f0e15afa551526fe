using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.KeyProtection;

/// <summary>
/// Runs after <see cref="DatabaseMigrator"/>, before anything protects or reads a secret. Keys written by earlier versions
/// to <c>{DataFolder}/keys</c> are copied into the database once (otherwise every stored token, bridge secret and session
/// would become unreadable), and a key ring left unencrypted outside Development is said plainly.
/// </summary>
internal sealed partial class KeyRingStartup(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    IOptions<DatabaseOptions> database,
    IOptions<KeyProtectionOptions> protection,
    IHostEnvironment environment,
    JobRegistry registry,
    TimeProvider time,
    ILogger<KeyRingStartup> logger)
    : StartupJob(new JobDescriptor(Name, "Copies Data Protection keys left in the data folder by earlier versions into the database, and says whether the key ring is encrypted.", TimeSpan.Zero),
        registry, time)
{
    public const string Name = "key-ring";

    protected override async Task<JobRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(database.Value.ResolvedDataFolder, "keys");
        var copied = 0;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (Directory.Exists(folder) && !await db.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            var files = Directory.GetFiles(folder, "*.xml");
            copied = files.Length;
            foreach (var file in files)
            {
                db.DataProtectionKeys.Add(new DataProtectionKey
                {
                    FriendlyName = Path.GetFileNameWithoutExtension(file),
                    Xml = await File.ReadAllTextAsync(file, cancellationToken),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            if (files.Length > 0)
            {
                LogImported(logger, files.Length, folder);
            }
        }

        if (!protection.Value.HasCertificate && !environment.IsDevelopment())
        {
            LogUnencrypted(logger);
        }

        var encryption = protection.Value.HasCertificate ? "encrypted with the configured certificate" : "not encrypted (no certificate configured)";
        return JobRunResult.Succeeded(copied == 0 ? $"key ring {encryption}" : $"copied {Plural.Of(copied, "key")} from {folder}; key ring {encryption}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Count} Data Protection keys from {Folder} into the database; the files are no longer read")]
    private static partial void LogImported(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection keys are stored in the database UNENCRYPTED: anyone who can read the database can decrypt sessions, Mattermost tokens and bridge secrets. Set DataProtection:CertificatePath (a .pfx with a private key) and DataProtection:CertificatePassword to protect them at rest")]
    private static partial void LogUnencrypted(ILogger logger);
}
