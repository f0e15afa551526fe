using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace Switchboard.Portal.Auth;

/// <summary>When a session's role was last read from the identity provider, kept in the session's ticket.</summary>
internal static class RoleRefreshStamp
{
    private const string Item = "switchboard.roles-read-at";

    public static void Set(AuthenticationProperties properties, DateTimeOffset at) =>
        properties.Items[Item] = at.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Get(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(Item, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
}
