using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// One person's token, by hand: regenerate (revoke the stored one, create a new one) or revoke and clear. Who did it is
/// audited in the same save as the person's token.
/// </summary>
public sealed class PersonTokens(
    MattermostClient client, IDbContextFactory<SwitchboardDbContext> contextFactory, IDataProtectionProvider protection, IOptions<MattermostOptions> options,
    TimeProvider time)
{
    /// <returns>What happened, in words (never the token).</returns>
    /// <exception cref="TokenNotEligibleException">The person may not hold a token (the same rule as the token job's); nothing was called.</exception>
    public async Task<string> RegenerateAsync(int personId, Actor by, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException($"There is no person {personId}.");
        if (options.Value.Eligibility.Check(person) is not TokenIneligibility.None and var why)
        {
            throw new TokenNotEligibleException(person.Username, why, person.State);
        }

        await RevokeStoredAsync(person.MattermostTokenId, cancellationToken);
        var user = await client.FindUserAsync(person.Username, person.Email, cancellationToken)
            ?? throw new InvalidOperationException($"Mattermost has no user '{person.Username}' (nor one with the e-mail {person.Email}).");
        var created = await client.CreateSwitchboardTokenAsync(user.Id, cancellationToken);
        person.StoreMattermostToken(protection.CreateProtector(TokenRegenerationRunner.ProtectorPurpose).Protect(created.Token), created.Id, user.Id,
            created.ExpiresAt, time.GetUtcNow().UtcDateTime);
        var result = created.ExpiresAt is { } expires ? $"new token, valid until {expires:yyyy-MM-dd}" : "new token, without expiry";
        db.Audit(new AuditRecord(by, AuditActions.MattermostTokenRegenerated, "person", person.Username, Details: result));
        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }

    public async Task<string> RevokeAsync(int personId, Actor by, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException($"There is no person {personId}.");
        var result = "no token was stored";
        if (person.MattermostTokenId is not null)
        {
            await RevokeStoredAsync(person.MattermostTokenId, cancellationToken);
            person.ClearMattermostToken(time.GetUtcNow().UtcDateTime);
            result = "token revoked and cleared";
        }

        db.Audit(new AuditRecord(by, AuditActions.MattermostTokenRevoked, "person", person.Username, Details: result));
        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }

    private async Task RevokeStoredAsync(string? tokenId, CancellationToken cancellationToken)
    {
        if (tokenId is null)
        {
            return;
        }

        try
        {
            await client.RevokeTokenAsync(tokenId, cancellationToken);
        }
        catch (MattermostApiException gone) when (gone.StatusCode == 404)
        {
            // Mattermost no longer has it (expired and deleted, or revoked there): nothing left to revoke.
        }
    }
}
