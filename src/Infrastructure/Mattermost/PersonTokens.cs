using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>One person's token, by hand: regenerate (revoke the stored one, create a new one) or revoke and clear.</summary>
public sealed class PersonTokens(
    MattermostClient client, IDbContextFactory<SwitchboardDbContext> contextFactory, IDataProtectionProvider protection, IOptions<MattermostOptions> options,
    TimeProvider time)
{
    /// <returns>What happened, in words (never the token).</returns>
    /// <exception cref="TokenNotEligibleException">The person may not hold a token (the same rule as the token job's); nothing was called.</exception>
    public async Task<string> RegenerateAsync(int personId, CancellationToken cancellationToken)
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
        await db.SaveChangesAsync(CancellationToken.None);
        return created.ExpiresAt is { } expires ? $"new token, valid until {expires:yyyy-MM-dd}" : "new token, without expiry";
    }

    public async Task<string> RevokeAsync(int personId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException($"There is no person {personId}.");
        if (person.MattermostTokenId is null)
        {
            return "no token was stored";
        }

        await RevokeStoredAsync(person.MattermostTokenId, cancellationToken);
        person.ClearMattermostToken(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None);
        return "token revoked and cleared";
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
