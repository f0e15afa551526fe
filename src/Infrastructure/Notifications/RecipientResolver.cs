using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Who a firing configuration writes to: the identity itself, its manager, listed people and members of listed roles.
/// and whoever the recipients script names. People without an e-mail address or with a disabled account are skipped
/// with the reason; an address appears once. A recipients script that fails fails the whole configuration: nothing is
/// sent for it, and the reason is recorded. One resolver serves one evaluation run: listed people and role members depend only on the configuration, so they
/// are read once per configuration per run, not once per event.
/// </summary>
internal sealed class RecipientResolver(SwitchboardDbContext db, INotificationScripts scripts, int maxRecipients)
{
    private readonly Dictionary<int, List<(string Why, Person Person)>> _fixed = [];
    private readonly ScriptDirectory _directory = new(db);

    public async Task<ResolvedRecipients> ResolveAsync(
        NotificationConfiguration configuration, IdentityFacts identity, ScriptEvent scriptEvent, CancellationToken cancellationToken)
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
        if (configuration.RecipientsScript is { } script)
        {
            var named = scripts.Recipients(script, scriptEvent, _directory, cancellationToken);
            if (named.Failed)
            {
                return new ResolvedRecipients([], skipped, $"recipients script: {named.Error}");
            }

            var distinct = named.Value!.Distinct(StringComparer.OrdinalIgnoreCase).Count();
            if (distinct > maxRecipients)
            {
                return new ResolvedRecipients([], skipped,
                    $"recipients script: it named {distinct} recipients, more than {maxRecipients} (Notifications:Limits:MaxRecipients)");
            }

            foreach (var name in named.Value!)
            {
                candidates.Add(name.Contains('@', StringComparison.Ordinal)
                    ? ("script", null, new Recipient(name.Trim(), null, name.Trim()))
                    : ($"script {name}", await PersonAsync(name, cancellationToken), null));
            }
        }

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

        return new ResolvedRecipients(recipients, skipped, null);
    }

    private Task<Person?> PersonAsync(string username, CancellationToken cancellationToken)
    {
        var key = Person.KeyOf(username);
        return db.People.AsNoTracking().SingleOrDefaultAsync(p => p.UsernameKey == key, cancellationToken);
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
            found.AddRange((await db.People.AsNoTracking().Where(p => EF.Parameter(keys).Contains(p.UsernameKey)).ToListAsync(cancellationToken))
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

/// <summary>Who a configuration writes to, who was left out and why, or why resolving failed.</summary>
internal sealed record ResolvedRecipients(IReadOnlyList<Recipient> Recipients, IReadOnlyList<string> Skipped, string? Failure);
