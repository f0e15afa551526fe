using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Auth;

/// <summary>
/// Maps roles when a session starts and records every sign-in in the audit trail; reads the role again from the
/// provider every <see cref="PortalAuthenticationOptions.RoleRefresh"/>, ending the session when it cannot.
/// </summary>
internal sealed partial class PortalCookieEvents(
    IOptionsMonitor<PortalAuthenticationOptions> options,
    IAuditLog audit,
    IRoleSource roles,
    DatabaseTicketStore sessions,
    SessionLocks locks,
    TimeProvider time,
    ILogger<PortalCookieEvents> logger) : CookieAuthenticationEvents
{
    public override Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is ClaimsIdentity identity)
        {
            RoleClaims.Apply(identity, options.CurrentValue.ToRoleMap(), options.CurrentValue.RoleClaim);
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

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity || IsFresh(context.Properties))
        {
            return;
        }

        var cancellationToken = context.HttpContext.RequestAborted;
        var sessionId = context.Principal.FindFirstValue(PortalClaims.SessionId);
        if (sessionId is null)
        {
            await EndAsync(context, null, context.Principal.DisplayName());
            return;
        }

        using var _ = await locks.EnterAsync(sessionId, cancellationToken);

        // Another request of the same session may have refreshed it while this one waited.
        var current = await sessions.RetrieveAsync(sessionId, cancellationToken);
        if (current is null)
        {
            await EndAsync(context, null, context.Principal.DisplayName());
            return;
        }

        if (IsFresh(current.Properties))
        {
            Adopt(context, current);
            return;
        }

        var person = current.Principal;
        var values = await roles.ReadAsync(person, current.Properties, cancellationToken);
        if (values is null)
        {
            await EndAsync(context, sessionId, person.DisplayName());
            return;
        }

        var principal = WithRoleClaimValues(person, values);
        RoleRefreshStamp.Set(current.Properties, time.GetUtcNow());
        var refreshed = new AuthenticationTicket(principal, current.Properties, context.Scheme.Name);
        await sessions.RenewAsync(sessionId, refreshed, cancellationToken);
        Adopt(context, refreshed);

        var (before, after) = (person.HighestRole(), principal.HighestRole());
        if (before != after)
        {
            await audit.WriteAsync(new AuditRecord(principal.ToActor(), AuditActions.RoleChanged, "session", principal.DisplayName(),
                Details: $"role {before?.ToString() ?? "none"} → {after?.ToString() ?? "none"}, read again from the identity provider"),
                cancellationToken);
        }
    }

    private bool IsFresh(AuthenticationProperties properties) =>
        RoleRefreshStamp.Get(properties) is { } readAt && time.GetUtcNow() - readAt < options.CurrentValue.RoleRefresh;

    private ClaimsPrincipal WithRoleClaimValues(ClaimsPrincipal person, IReadOnlyList<string> values)
    {
        var settings = options.CurrentValue;
        var identity = ((ClaimsIdentity)person.Identity!).Clone();
        foreach (var old in identity.FindAll(settings.RoleClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaims(values.Select(v => new Claim(settings.RoleClaim, v)));
        RoleClaims.Apply(identity, settings.ToRoleMap(), settings.RoleClaim);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>This request goes on with the session as stored (new roles, newest tokens).</summary>
    private static void Adopt(CookieValidatePrincipalContext context, AuthenticationTicket stored)
    {
        context.ReplacePrincipal(stored.Principal);
        context.Properties.Items.Clear();
        foreach (var (key, value) in stored.Properties.Items)
        {
            context.Properties.Items[key] = value;
        }
    }

    /// <summary>The provider cannot confirm the role without the person: the session ends, the next page signs in again.</summary>
    private async Task EndAsync(CookieValidatePrincipalContext context, string? sessionId, string userName)
    {
        LogSignInAgain(logger, userName);
        if (sessionId is not null)
        {
            await sessions.EndAsync(sessionId, "role refresh", context.HttpContext.RequestAborted);
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The role of {UserName} could not be read again; the session ends and they sign in again")]
    private static partial void LogSignInAgain(ILogger logger, string userName);

    // A machine never gets the sign-in page: 401 or 403 as problem details (written by the /api branch's status code pages).
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsApi(context.Request) ? Answer(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    // A person is told on the no-access page which role the refused page needs.
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApi(context.Request))
        {
            return Answer(context, StatusCodes.Status403Forbidden);
        }

        var policies = context.HttpContext.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [];
        context.RedirectUri = QueryHelpers.AddQueryString(context.RedirectUri, NoAccessNeeds, PortalPolicies.RoleNeededBy(policies).ToString());
        return base.RedirectToAccessDenied(context);
    }

    /// <summary>The no-access page's query parameter naming the role the refused page needs.</summary>
    public const string NoAccessNeeds = "needs";

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(Api.MachineApi.Prefix);

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
