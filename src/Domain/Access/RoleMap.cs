namespace Switchboard.Domain.Access;

/// <summary>
/// Maps the values of the identity provider's role claim (e.g. <c>groups</c>) to portal roles.
/// A person holding values of several roles gets the highest; values are compared case-insensitively.
/// </summary>
public sealed class RoleMap(IReadOnlyDictionary<PortalRole, IReadOnlyCollection<string>> valuesByRole)
{
    public PortalRole? Resolve(IEnumerable<string> claimValues)
    {
        var values = claimValues.ToHashSet(StringComparer.OrdinalIgnoreCase);
        PortalRole? highest = null;
        foreach (var (role, mapped) in valuesByRole)
        {
            if (mapped.Any(values.Contains) && (highest is null || role > highest))
            {
                highest = role;
            }
        }

        return highest;
    }

    /// <summary>The role itself and every role it includes, so that role checks can ask for exactly one name.</summary>
    public static IEnumerable<PortalRole> Granted(PortalRole role) =>
        Enum.GetValues<PortalRole>().Where(r => r <= role);
}
