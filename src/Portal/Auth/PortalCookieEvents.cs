using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;

namespace Switchboard.Portal.Auth;

/// <summary>Maps roles once when a session starts, and records every sign-in in the audit trail.</summary>
internal sealed class PortalCookieEvents(IOptions<PortalAuthenticationOptions> options, IAuditLog audit) : CookieAuthenticationEvents
{
    public override Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
        {
            RoleClaims.Apply(identity, options.Value.ToRoleMap(), options.Value.RoleClaim);
        }

        return Task.CompletedTask;
    }

    public override async Task SignedIn(CookieSignedInContext context)
    {
        var person = context.Principal!;
        var role = person.HighestRole();
        await audit.WriteAsync(new AuditRecord(person.ToActor(), AuditActions.SignIn, "session", person.DisplayName(),
            Details: role is null ? "no mapped role: shown the no-access page" : $"role {role}"), context.HttpContext.RequestAborted);
    }

    // A machine never gets the sign-in page: 401 or 403 as problem details (written by the /api branch's status code pages).
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApi(context.Request) ? Answer(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApi(context.Request) ? Answer(context, StatusCodes.Status403Forbidden) : base.RedirectToAccessDenied(context);

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(Api.MachineApi.Prefix);

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
