using System.Linq.Expressions;
using Switchboard.Domain.People;

namespace Switchboard.Domain.Mattermost;

/// <summary>
/// Who may hold a Mattermost token: an active person (not disabled, not deleted, whose state is not a leaver state)
/// with Mattermost sync on. The one rule the token job, its preview, Regenerate and the API all apply.
/// </summary>
public sealed class TokenEligibilityRule
{
    private readonly string[] _leaverStates;

    /// <param name="leaverStates">States that mean the person has left or is leaving (e.g. <c>LEFT</c>); compared whatever their case.</param>
    public TokenEligibilityRule(IEnumerable<string> leaverStates) =>
        _leaverStates = leaverStates.Where(s => !string.IsNullOrWhiteSpace(s)).Select(Key).Distinct(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> LeaverStates => _leaverStates;

    public TokenIneligibility Check(bool syncEnabled, bool disabled, bool deleted, string? state) =>
        deleted ? TokenIneligibility.Deleted
        : disabled ? TokenIneligibility.Disabled
        : state is not null && _leaverStates.Contains(Key(state)) ? TokenIneligibility.LeaverState
        : !syncEnabled ? TokenIneligibility.SyncOff
        : TokenIneligibility.None;

    public TokenIneligibility Check(Person person) => Check(person.MattermostSyncEnabled, person.Disabled, person.Deleted, person.State);

    /// <summary>The same rule for a database query (states are upper-cased there, as in <see cref="Check(bool, bool, bool, string?)"/>).</summary>
    public Expression<Func<Person, bool>> Eligible()
    {
        var leavers = _leaverStates;
#pragma warning disable CA1304, CA1311 // translated to SQL upper(), which has no culture
        return p => p.MattermostSyncEnabled && !p.Deleted && !p.Disabled && (p.State == null || !leavers.Contains(p.State.Trim().ToUpper()));
#pragma warning restore CA1304, CA1311
    }

    /// <summary>Why, in words, for the people grid, the preview and a refused Regenerate.</summary>
    public static string Describe(TokenIneligibility why, string? state) => why switch
    {
        TokenIneligibility.Deleted => "deleted in the directory",
        TokenIneligibility.Disabled => "disabled",
        TokenIneligibility.LeaverState => $"state {state?.Trim()} is a leaver state",
        TokenIneligibility.SyncOff => "Mattermost sync is off",
        _ => "eligible",
    };

    private static string Key(string state) => state.Trim().ToUpperInvariant();
}
