using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// The configurations of one evaluation run, compiled once, with an index from each watched attribute to the
/// configurations whose rule watches it. Rules describe a change, so a configuration watching an attribute the event
/// did not change cannot fire and is not even looked at: an event is checked against a handful of configurations,
/// not all of them.
/// </summary>
public sealed class ConfigurationSet
{
    private readonly Dictionary<string, List<int>> _byWatchedAttribute = new(StringComparer.Ordinal);
    private readonly List<int> _unwatched = [];

    public ConfigurationSet(IEnumerable<NotificationConfiguration> configurations)
    {
        All = configurations.Select(CompiledConfiguration.Of).ToList();
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Rule?.Watches is { } attribute && All[i].Configuration.RuleScript is null)
            {
                (_byWatchedAttribute.TryGetValue(attribute, out var list) ? list : _byWatchedAttribute[attribute] = []).Add(i);
            }
            else
            {
                _unwatched.Add(i);
            }
        }
    }

    public IReadOnlyList<CompiledConfiguration> All { get; }

    /// <summary>The attributes the rules watch; an event changing none of them fires no configuration unless <see cref="WatchesEverything"/>.</summary>
    public IReadOnlyCollection<string> WatchedAttributes => _byWatchedAttribute.Keys;

    /// <summary>Whether a configuration (a rule script, or a rule watching no single attribute) has to see every event.</summary>
    public bool WatchesEverything => _unwatched.Count > 0;

    /// <summary>The configurations that may fire for a change of these attributes, in their stored order.</summary>
    public IReadOnlyList<CompiledConfiguration> MayFire(IReadOnlyList<string> changed)
    {
        var positions = new List<int>(_unwatched);
        foreach (var attribute in changed)
        {
            if (_byWatchedAttribute.TryGetValue(attribute, out var watching))
            {
                positions.AddRange(watching);
            }
        }

        positions.Sort();
        return positions.Select(p => All[p]).ToList();
    }
}
