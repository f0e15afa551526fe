using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Auth;

public static class PortalAuthenticationExtensions
{
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalAuthenticationOptions>().BindConfiguration(PortalAuthenticationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalAuthenticationOptions>, PortalAuthenticationOptionsValidator>();
        services.AddScoped<PortalCookieEvents>();

        var settings = configuration.GetSection(PortalAuthenticationOptions.SectionName).Get<PortalAuthenticationOptions>() ?? new();
        var oidc = settings.Oidc;
        services.AddSingleton(new SignInMode(Development: !oidc.IsConfigured));

        // Sessions live in the database; the cookie holds only the session's id.
        services.AddSingleton<DatabaseTicketStore>();
        services.AddSingleton<SessionLocks>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, TicketStoreSetup>();
        services.AddSingleton(typeof(IRoleSource), oidc.IsConfigured ? typeof(OidcRoleSource) : typeof(DevelopmentRoleSource));
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = oidc.IsConfigured ? OidcScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        });

        authentication.AddCookie(options =>
        {
            options.Cookie.Name = "switchboard.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Absolute: the session ends SessionLifetime after sign-in, however busy (the store enforces it too).
            options.ExpireTimeSpan = settings.SessionLifetime;
            options.SlidingExpiration = false;
            options.LoginPath = PageRoutes.DevSignIn;
            options.AccessDeniedPath = PageRoutes.NoAccess;
            options.EventsType = typeof(PortalCookieEvents);
        });

        if (oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(OidcScheme, options => Configure(options, oidc, settings.RoleClaim));
        }

        authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        services.AddAuthorization(PortalPolicies.Add);
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static void Configure(OpenIdConnectOptions options, OidcOptions oidc, string roleClaim)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;

        // The tokens are kept (encrypted in the server-side session): the id_token as the hint for RP-initiated logout,
        // a refresh token (when the scopes include offline_access) to read the roles again.
        options.SaveTokens = true;
        options.Scope.Clear();
        foreach (var scope in oidc.Scopes.Distinct(StringComparer.Ordinal))
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters.NameClaimType = oidc.NameClaim;
        options.TokenValidationParameters.RoleClaimType = PortalClaims.Role;
        options.ClaimActions.MapJsonKey(roleClaim, roleClaim);
        options.SignedOutRedirectUri = PageRoutes.SignedOut;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            // Only a page navigation may be sent to the provider. A background request (Blazor's disconnect beacon
            // after sign-out, a fetch) gets 401: following the redirect would silently sign the person back in.
            if (!IsPageNavigation(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.HandleResponse();
            }

            return Task.CompletedTask;
        };
    }

    private static bool IsPageNavigation(HttpRequest request) =>
        !request.Path.StartsWithSegments("/_blazor")
        && (!request.Headers.TryGetValue("Sec-Fetch-Mode", out var mode) || mode == "navigate");
}
