using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Auth;

/// <summary>Sign-in, sign-out and the development sign-in: plain HTTP endpoints, since only they can set cookies.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app, bool developmentSignIn)
    {
        var group = app.MapGroup("/auth").ExcludeFromDescription();

        group.MapGet("/sign-in", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl.LocalOrRoot(returnUrl) }))
            .AllowAnonymous();

        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(
            CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());

        if (developmentSignIn)
        {
            group.MapPost("/dev-sign-in", DevelopmentSignInAsync).AllowAnonymous();
        }

        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAuditLog audit, IAuthenticationSchemeProvider schemes)
    {
        var person = context.User;
        await audit.WriteAsync(new AuditRecord(person.ToActor(), AuditActions.SignOut, "session", person.DisplayName()), context.RequestAborted);

        var signOutOf = new List<string> { CookieAuthenticationDefaults.AuthenticationScheme };
        if (await schemes.GetSchemeAsync(PortalAuthenticationExtensions.OidcScheme) is not null)
        {
            // Ends the provider's session too (RP-initiated logout), then comes back to the signed-out page.
            signOutOf.Add(PortalAuthenticationExtensions.OidcScheme);
        }

        return Results.SignOut(new AuthenticationProperties { RedirectUri = PageRoutes.SignedOut }, signOutOf);
    }

    private static IResult DevelopmentSignInAsync(
        [FromForm] string persona, [FromForm] string? returnUrl, IOptions<PortalAuthenticationOptions> options)
    {
        var chosen = DevelopmentPersona.All.SingleOrDefault(p => p.UserName == persona);
        if (chosen is null)
        {
            return Results.BadRequest();
        }

        var settings = options.Value;
        var identity = new ClaimsIdentity("Development", PortalClaims.Name, PortalClaims.Role);
        identity.AddClaim(new Claim(PortalClaims.Name, chosen.UserName));
        // The persona carries the claim value the mapping expects, so it takes the same path as a real sign-in.
        identity.AddClaims(DevelopmentRoleSource.ClaimValuesOf(chosen, settings).Select(value => new Claim(settings.RoleClaim, value)));

        return Results.SignIn(new ClaimsPrincipal(identity),
            new AuthenticationProperties { RedirectUri = ReturnUrl.LocalOrRoot(returnUrl) },
            CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
