using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Auth;

/// <summary>One policy per role; every role includes the ones below it (see <see cref="RoleClaims"/>).</summary>
public static class PortalPolicies
{
    public const string Viewer = nameof(PortalRole.Viewer);
    public const string Operator = nameof(PortalRole.Operator);
    public const string Admin = nameof(PortalRole.Admin);

    /// <summary>A signed-in person with any mapped role, or a machine with a valid API key.</summary>
    public const string SignedInOrApiKey = "SignedInOrApiKey";

    public static void Add(AuthorizationOptions options)
    {
        foreach (var role in Enum.GetValues<PortalRole>())
        {
            options.AddPolicy(role.ToString(), For(role));
        }

        options.AddPolicy(SignedInOrApiKey, new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme, ApiKeyDefaults.Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.IsApiKey() || c.User.Has(PortalRole.Viewer))
            .Build());

        // Every page and endpoint needs a signed-in person with a role unless it says otherwise.
        options.FallbackPolicy = For(PortalRole.Viewer);
        options.DefaultPolicy = For(PortalRole.Viewer);
    }

    /// <summary>The highest role named by a page's or endpoint's policies; naming none means the fallback, Viewer.</summary>
    public static PortalRole RoleNeededBy(IEnumerable<IAuthorizeData> policies) =>
        policies
            .Select(a => Enum.TryParse<PortalRole>(a.Policy, out var role) ? role : PortalRole.Viewer)
            .DefaultIfEmpty(PortalRole.Viewer)
            .Max();

    public static PortalRole RoleNeededBy(Type pageType) => RoleNeededBy(pageType.GetCustomAttributes<AuthorizeAttribute>(inherit: true));

    // No scheme named: the session cookie authenticates, and the default challenge is single sign-on when
    // configured, the development sign-in page otherwise.
    private static AuthorizationPolicy For(PortalRole role) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(PortalClaims.Role, role.ToString())
            .Build();
}
