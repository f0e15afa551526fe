using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>The directory as recipients scripts see it; answers are remembered for the rest of the evaluation run.</summary>
public sealed class ScriptDirectory(SwitchboardDbContext db) : IScriptDirectory
{
    private readonly Dictionary<string, ScriptPerson?> _people = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _members = new(StringComparer.Ordinal);

    public ScriptPerson? Find(string username)
    {
        var key = Person.KeyOf(username ?? "");
        if (!_people.TryGetValue(key, out var found))
        {
            var person = db.People.AsNoTracking().AsSplitQuery().Include(p => p.Manager).Include(p => p.Roles).Include(p => p.Attributes)
                .SingleOrDefault(p => p.UsernameKey == key && !p.Deleted);
            found = person is null ? null : new ScriptPerson(person.Username, person.Email, person.FirstName, person.LastName, person.Manager?.Username,
                person.FormProjection, person.State, person.Disabled, person.Roles.Select(r => r.Code).ToList(),
                person.Attributes.ToDictionary(a => a.Code, a => a.Value, StringComparer.Ordinal));
            _people[key] = found;
        }

        return found;
    }

    public IReadOnlyList<string> MembersOf(string role)
    {
        role ??= "";
        if (!_members.TryGetValue(role, out var members))
        {
            members = db.People.AsNoTracking().Where(p => !p.Deleted && p.Roles.Any(r => r.Code == role)).OrderBy(p => p.Username).Select(p => p.Username).ToList();
            _members[role] = members;
        }

        return members;
    }
}
