using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.IntegrationTests.KeyProtection;

/// <summary>The Data Protection key ring: in the database for every instance, carried over from the data folder, encrypted by a certificate.</summary>
public sealed class KeyRingTests : IAsyncDisposable
{
    private const string Purpose = "Switchboard.Tests.KeyRing";
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Keys_LiveInTheDatabase_SoAnotherInstanceOnTheSameDatabaseReadsWhatThisOneProtected()
    {
        var secret = _portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("mattermost-token");

        // Another instance: nothing shared with the first but the database.
        var other = new ServiceCollection();
        other.AddDbContext<SwitchboardDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_portal.DataFolder, "switchboard.db")}"));
        other.AddDataProtection().SetApplicationName("Switchboard").PersistKeysToDbContext<SwitchboardDbContext>();
        await using var instance = other.BuildServiceProvider();

        Assert.Equal("mattermost-token", instance.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(secret));
        Assert.False(Directory.Exists(Path.Combine(_portal.DataFolder, "keys")));
    }

    [Fact]
    public async Task KeysAnEarlierVersionKeptInTheDataFolder_AreCopiedIntoTheDatabase_AndItsSecretsStayReadable()
    {
        var keys = new DirectoryInfo(Path.Combine(_portal.DataFolder, "keys"));
        var earlier = DataProtectionProvider.Create(keys, b => b.SetApplicationName("Switchboard"));
        var secret = earlier.CreateProtector(Purpose).Protect("bridge-secret");

        var readBack = _portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(secret);

        Assert.Equal("bridge-secret", readBack);
        await using var db = await _portal.DbAsync();
        Assert.Equal(keys.GetFiles("*.xml").Length, await db.DataProtectionKeys.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithACertificate_TheKeysAreEncryptedInTheDatabase_AndStillWork()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"switchboard-keys-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Switchboard key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-Pa55"), TestContext.Current.CancellationToken);
        }

        try
        {
            await using var portal = _portal.WithWebHostBuilder(b => b
                .UseSetting("DataProtection:CertificatePath", pfx)
                .UseSetting("DataProtection:CertificatePassword", "pfx-Pa55"));
            var protector = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

            Assert.Equal("session", protector.Unprotect(protector.Protect("session")));
            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            var stored = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);
            var key = Assert.Single(stored);
            Assert.Contains("EncryptedKey", key, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();
}
