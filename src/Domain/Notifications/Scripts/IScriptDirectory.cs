namespace Switchboard.Domain.Notifications.Scripts;

/// <summary>
/// The directory look-ups a recipients script may make: <c>directory.get(username)</c> (<see cref="Find"/>) and
/// <c>directory.membersOf(role)</c>. Synchronous, because scripts are.
/// </summary>
public interface IScriptDirectory
{
    ScriptPerson? Find(string username);

    /// <summary>Usernames of the people holding the role, deleted people left out.</summary>
    IReadOnlyList<string> MembersOf(string role);
}

/// <summary>A person as a script sees it.</summary>
public sealed record ScriptPerson(
    string Username, string? Email, string? FirstName, string? LastName, string? Manager, string? FormProjection, string? State,
    bool Disabled, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, string> Eav);
