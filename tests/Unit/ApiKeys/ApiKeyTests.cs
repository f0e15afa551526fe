using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.Access;

namespace Switchboard.UnitTests.ApiKeys;

public sealed class ApiKeyTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static ApiKey Key(DateTime? expiresAt = null, params string[] scopes) =>
        ApiKey.Create("exporter", scopes.Length == 0 ? [ApiKeyScopes.ConfigRead] : scopes, expiresAt, ApiKeySecret.Generate(), "ada", Now);

    [Fact]
    public void StatusAt_BeforeExpiry_IsActive() =>
        Assert.Equal(ApiKeyStatus.Active, Key(Now.AddDays(1)).StatusAt(Now));

    [Fact]
    public void StatusAt_AtExpiry_IsExpired() =>
        Assert.Equal(ApiKeyStatus.Expired, Key(Now).StatusAt(Now));

    [Fact]
    public void StatusAt_AfterRevoke_IsRevokedEvenBeforeExpiry()
    {
        var key = Key(Now.AddDays(30));

        key.Revoke("ada", Now);

        Assert.Equal(ApiKeyStatus.Revoked, key.StatusAt(Now));
        Assert.Equal("ada", key.RevokedBy);
    }

    [Fact]
    public void Revoke_Twice_KeepsTheFirstRevocation()
    {
        var key = Key();
        key.Revoke("ada", Now);

        key.Revoke("otto", Now.AddHours(1));

        Assert.Equal(("ada", Now), (key.RevokedBy, key.RevokedAt));
    }

    [Fact]
    public void HasScope_OnlyForGrantedScopes()
    {
        var key = Key(null, ApiKeyScopes.EventsWrite, ApiKeyScopes.ConfigRead);

        Assert.True(key.HasScope(ApiKeyScopes.EventsWrite));
        Assert.False(key.HasScope(ApiKeyScopes.ConfigWrite));
    }

    [Fact]
    public void Create_WithUnknownScope_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Key(null, "everything:write"));

    [Fact]
    public void Create_DuplicateScopes_AreStoredOnce() =>
        Assert.Equal([ApiKeyScopes.ConfigRead], Key(null, ApiKeyScopes.ConfigRead, ApiKeyScopes.ConfigRead).Scopes);
}
