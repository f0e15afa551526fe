using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Portal.Auth;

/// <summary>
/// Authenticates machines by the <c>X-Api-Key</c> header. Missing, unknown, expired or revoked keys get 401 and a key
/// without the endpoint's scope gets 403, both as RFC 7807 problem details. The secret itself is never logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    IProblemDetailsService problemDetails,
    IAuditLog audit,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyDefaults.HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = values.ToString().Trim();
        var prefix = ApiKeySecret.PrefixOf(presented);
        if (prefix is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(Context.RequestAborted);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !ApiKeySecret.Matches(presented, key.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        switch (key.StatusAt(now))
        {
            case ApiKeyStatus.Revoked:
                return AuthenticateResult.Fail("The API key has been revoked.");
            case ApiKeyStatus.Expired:
                return AuthenticateResult.Fail("The API key has expired.");
        }

        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(ApiKeyDefaults.Scheme, PortalClaims.Name, PortalClaims.Role);
        identity.AddClaim(new Claim(PortalClaims.Name, key.Name));
        identity.AddClaim(new Claim(PortalClaims.ApiKeyId, key.Id.ToString()));
        identity.AddClaims(key.Scopes.Select(s => new Claim(PortalClaims.Scope, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyDefaults.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(ApiKeyDefaults.Scheme);
        Response.Headers.WWWAuthenticate = ApiKeyDefaults.Scheme;
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "API key required",
            result.Failure?.Message ?? $"Send a valid API key in the {ApiKeyDefaults.HeaderName} header.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope ?? "required";
        var caller = Context.User;
        await audit.WriteAsync(new AuditRecord(caller.ToActor(), AuditActions.ApiCall, "endpoint", Request.Path, AuditResult.Denied,
            $"API key lacks scope {scope}"), Context.RequestAborted);
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "Scope missing",
            $"This API key does not have the '{scope}' scope this endpoint requires.");
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
