using Microsoft.AspNetCore.Http.HttpResults;

namespace Switchboard.Portal.Auth;

/// <summary>Where a person may be sent back to after signing in: a path on this portal, never another site.</summary>
public static class ReturnUrl
{
    /// <summary>
    /// The given address when it is a local path by the framework's rules (<see cref="RedirectHttpResult.IsLocalUrl"/>:
    /// starts with one '/', not '//' or '/\', no control characters), otherwise "/". A tab or newline would otherwise be
    /// dropped by the browser ("/\t/evil" becomes "//evil", another host) or break the Location header (a 500).
    /// </summary>
    public static string LocalOrRoot(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
