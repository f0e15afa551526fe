using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Who in the directory an account or a chat user belongs to, for the links from other modules to a person's page:
/// each way of knowing is an exact match on an indexed column, so a page of rows costs one lookup per way.
/// </summary>
public sealed class AccountOwners(IDbContextFactory<SwitchboardDbContext> contextFactory)
{
    /// <summary>The people an account belongs to: the same e-mail, or the Google id or GrAM UUID held in their extended attributes.</summary>
    public async Task<IReadOnlyList<PersonLink>> OfAccountAsync(string? email, string? googleId, string? gramAccountUuid, CancellationToken cancellationToken)
    {
        var values = new[] { (AccountAttributes.GoogleId, googleId), (AccountAttributes.GramAccountUuid, gramAccountUuid) }
            .Where(v => !string.IsNullOrWhiteSpace(v.Item2)).ToList();
        if (string.IsNullOrWhiteSpace(email) && values.Count == 0)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = new List<int>();
        foreach (var (code, value) in values)
        {
            ids.AddRange(await db.Set<ExtendedAttributeValue>().AsNoTracking().Where(a => a.Code == code && a.Value == value).Select(a => a.PersonId).ToListAsync(cancellationToken));
        }

        var lower = email?.ToLowerInvariant();
        var people = await db.People.AsNoTracking()
            .Where(p => ids.Contains(p.Id) || (email != null && (p.Email == email || p.Email == lower)))
            .OrderBy(p => p.UsernameKey).Take(10)
            .Select(p => new { p.Username, p.FirstName, p.LastName })
            .ToListAsync(cancellationToken);
        return people.Select(p => new PersonLink(p.Username, PeopleService.Display(p.Username, p.FirstName, p.LastName))).ToList();
    }

    /// <summary>
    /// The directory username of each Mattermost user (by id, or else the same username), for the users given; users
    /// not in the directory are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string UserName, string? UserId), string>> OfChatUsersAsync(
        IReadOnlyCollection<(string UserName, string? UserId)> users, CancellationToken cancellationToken)
    {
        if (users.Count == 0)
        {
            return new Dictionary<(string, string?), string>();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var userIds = users.Select(u => u.UserId).OfType<string>().Distinct().ToList();
        var keys = users.Select(u => Person.KeyOf(u.UserName)).Distinct().ToList();
        var byId = await db.People.AsNoTracking().Where(p => p.MattermostUserId != null && EF.Parameter(userIds).Contains(p.MattermostUserId))
            .Select(p => new { p.MattermostUserId, p.Username }).ToListAsync(cancellationToken);
        var byName = await db.People.AsNoTracking().Where(p => EF.Parameter(keys).Contains(p.UsernameKey))
            .Select(p => new { p.UsernameKey, p.Username }).ToListAsync(cancellationToken);
        var result = new Dictionary<(string, string?), string>();
        foreach (var user in users.Distinct())
        {
            var owner = byId.FirstOrDefault(p => user.UserId is not null && p.MattermostUserId == user.UserId)?.Username
                ?? byName.FirstOrDefault(p => p.UsernameKey == Person.KeyOf(user.UserName))?.Username;
            if (owner is not null)
            {
                result[user] = owner;
            }
        }

        return result;
    }
}
