using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Who a firing configuration writes to: the identity itself, its manager, listed people and members of listed roles.
/// People without an e-mail address or with a disabled account are skipped with the reason; an address appears once.
/// One resolver serves one evaluation run: listed people and role members depend only on the configuration, so they
/// are read once per configuration per run, not once per event.
/// </summary>
internal sealed class RecipientResolver(SwitchboardDbContext db)
{
    private readonly Dictionary<int, List<(string Why, Person Person)>> _fixed = [];

    public async Task<(List<Recipient> Recipients, List<string> Skipped)> ResolveAsync(
        NotificationConfiguration configuration, IdentityFacts identity, CancellationToken cancellationToken)
    {
        var candidates = new List<(string Why, Person? Person, Recipient? Direct)>();
        var skipped = new List<string>();
        if (configuration.SendToIdentity)
        {
            candidates.Add(("identity", identity.Person, identity.Person is null && identity.Email is not null
                ? new Recipient(identity.Email, identity.Username, identity.Username) : null));
        }

        if (configuration.SendToManager)
        {
            // The directory's person comes with their manager loaded; only an identity known from the event alone needs a look-up.
            var managerKey = identity.ManagerUsername is null ? null : Person.KeyOf(identity.ManagerUsername);
            var manager = identity.Person?.Manager
                ?? (managerKey is null ? null : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UsernameKey == managerKey, cancellationToken));
            if (manager is null)
            {
                skipped.Add(managerKey is null ? "manager: the identity has no manager" : $"manager {identity.ManagerUsername}: not in the directory");
            }
            else
            {
                candidates.Add(("manager", manager, null));
            }
        }

        candidates.AddRange((await FixedRecipientsAsync(configuration, cancellationToken)).Select(f => (f.Why, (Person?)f.Person, (Recipient?)null)));

        var recipients = new List<Recipient>();
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (why, person, direct) in candidates)
        {
            var recipient = direct ?? (person is null ? null : new Recipient(person.Email ?? "", person.Username, Name(person)));
            if (recipient is null)
            {
                skipped.Add($"{why}: not in the directory and no e-mail in the event");
            }
            else if (person is { Disabled: true } || person is { Deleted: true })
            {
                skipped.Add($"{why} {recipient.Username}: account disabled");
            }
            else if (string.IsNullOrWhiteSpace(recipient.Email))
            {
                skipped.Add($"{why} {recipient.Username}: no e-mail address");
            }
            else if (addresses.Add(recipient.Email))
            {
                recipients.Add(recipient);
            }
        }

        return (recipients, skipped);
    }

    private async Task<List<(string Why, Person Person)>> FixedRecipientsAsync(NotificationConfiguration configuration, CancellationToken cancellationToken)
    {
        if (_fixed.TryGetValue(configuration.Id, out var known))
        {
            return known;
        }

        var found = new List<(string Why, Person Person)>();
        if (configuration.RecipientUsernames.Count > 0)
        {
            var keys = configuration.RecipientUsernames.Select(Person.KeyOf).ToList();
            found.AddRange((await db.People.AsNoTracking().Where(p => keys.Contains(p.UsernameKey)).ToListAsync(cancellationToken))
                .Select(p => ("listed", p)));
        }

        if (configuration.RecipientRoles.Count > 0)
        {
            var roles = configuration.RecipientRoles;
            found.AddRange((await db.People.AsNoTracking().Where(p => !p.Deleted && p.Roles.Any(r => roles.Contains(r.Code))).ToListAsync(cancellationToken))
                .Select(p => ("role member", p)));
        }

        _fixed[configuration.Id] = found;
        return found;
    }

    private static string Name(Person person) =>
        person.FirstName is null && person.LastName is null ? person.Username : $"{person.FirstName} {person.LastName}".Trim();
}
