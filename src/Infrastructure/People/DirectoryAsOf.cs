using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// The directory as each event of a batch of identity events left it: for every person the batch read, their state
/// before the batch and after each change applied to them, by event. Evaluation reads the identity of an event (and
/// that identity's manager) from here, so it sees the changes of that event and the earlier ones, never a later one,
/// although the batch was stored at once.
/// </summary>
public sealed class DirectoryAsOf
{
    private readonly Dictionary<string, PersonState?> _before;
    private readonly Dictionary<string, List<(long EventId, PersonState State)>> _changes = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Person> _others;
    private readonly DateTime _now;

    internal DirectoryAsOf(Dictionary<string, PersonState?> before, IReadOnlyDictionary<string, Person> others, DateTime now) =>
        (_before, _others, _now) = (before, others, now);

    /// <summary>Whether the batch read this person (only then does <see cref="PersonAsOf"/> answer for them).</summary>
    public bool Knows(string username) => _before.ContainsKey(Person.KeyOf(username));

    /// <summary>
    /// The person as they stood right after the event with row id <paramref name="eventId"/> (and every earlier one), with
    /// their manager as of the same moment; null when they were not in the directory then.
    /// </summary>
    public Person? PersonAsOf(string username, long eventId)
    {
        var state = StateAsOf(Person.KeyOf(username), eventId);
        if (state is null)
        {
            return null;
        }

        Person? manager = null;
        if (!string.IsNullOrWhiteSpace(state.Draft.Manager))
        {
            var managerKey = Person.KeyOf(state.Draft.Manager);
            manager = _before.ContainsKey(managerKey)
                ? Build(StateAsOf(managerKey, eventId), null)
                : _others.GetValueOrDefault(managerKey);
        }

        return Build(state, manager);
    }

    internal void Record(long eventId, string key, PersonState state)
    {
        if (!_changes.TryGetValue(key, out var list))
        {
            _changes[key] = list = [];
        }

        list.Add((eventId, state));
    }

    private PersonState? StateAsOf(string key, long eventId)
    {
        if (_changes.TryGetValue(key, out var list))
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].EventId <= eventId)
                {
                    return list[i].State;
                }
            }
        }

        return _before.GetValueOrDefault(key);
    }

    private Person? Build(PersonState? state, Person? manager)
    {
        if (state is null)
        {
            return null;
        }

        var person = Person.Create(state.Draft.Username);
        person.Apply(state.Draft, manager, state.Draft.Roles.Distinct(StringComparer.Ordinal).Select(code => Role.Create(code)).ToList(), _now);
        if (state.Deleted)
        {
            person.MarkDeleted(_now);
        }

        return person;
    }
}

/// <summary>A person as a batch of identity events sees them: what a draft of them says, and whether they are marked deleted.</summary>
internal sealed record PersonState(PersonDraft Draft, bool Deleted);
