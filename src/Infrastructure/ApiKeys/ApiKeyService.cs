using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.ApiKeys;

public sealed class ApiKeyService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    AccessGuard guard,
    IValidator<CreateApiKeyRequest> validator,
    TimeProvider time)
{
    private const string ObjectType = "api-key";

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return keys.Select(k => new ApiKeyView(
            k.Id, k.Name, $"sbk_{k.Prefix}_…", k.Scopes, k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.LastUsedAt,
            k.StatusAt(now), k.RevokedAt, k.RevokedBy)).ToList();
    }

    public async Task<CreatedApiKey> CreateAsync(ClaimsPrincipal caller, CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.ApiKeyCreated, ObjectType, null, cancellationToken);
        await validator.ValidateAndThrowAsync(request, cancellationToken);

        var secret = ApiKeySecret.Generate();
        var expiresAt = request.ExpiresOn is { } day ? DateTime.SpecifyKind(day.Date.AddDays(1), DateTimeKind.Utc) : (DateTime?)null;
        var key = ApiKey.Create(request.Name, request.Scopes, expiresAt, secret, actor.Name, time.GetUtcNow().UtcDateTime);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        db.Audit(new AuditRecord(actor, AuditActions.ApiKeyCreated, ObjectType, key.Id.ToString(), Details: AuditDiff.Between(null, Audited(key))));
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key.Id, key.Name, secret.Plaintext);
    }

    /// <summary>Revokes at once: the next request with the key gets 401.</summary>
    public async Task RevokeAsync(ClaimsPrincipal caller, Guid id, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.ConfigWrite, AuditActions.ApiKeyRevoked, ObjectType, id.ToString(), cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no API key with id {id}.");
        var before = Audited(key);
        key.Revoke(actor.Name, time.GetUtcNow().UtcDateTime);
        db.Audit(new AuditRecord(actor, AuditActions.ApiKeyRevoked, ObjectType, key.Id.ToString(), Details: AuditDiff.Between(before, Audited(key))));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static object Audited(ApiKey key) =>
        new { key.Name, Scopes = string.Join(' ', key.Scopes), key.ExpiresAt, key.RevokedAt, key.RevokedBy };
}
