using Microsoft.AspNetCore.Authorization;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Auth;

/// <summary>Endpoint metadata naming the scope a machine endpoint needs, so a 403 can say which one.</summary>
public sealed record RequiredScope(string Scope)
{
    public AuthorizationPolicy ToPolicy() => new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme)
        .RequireAuthenticatedUser()
        .RequireClaim(PortalClaims.Scope, Scope)
        .Build();
}

public static class RequiredScopeExtensions
{
    /// <summary>The endpoint accepts only an API key that carries <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        var required = new RequiredScope(scope);
        builder.WithMetadata(required);
        return builder.RequireAuthorization(required.ToPolicy());
    }
}
