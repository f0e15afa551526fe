using System.Security.Cryptography;
using Switchboard.Portal.Auth;

namespace Switchboard.Portal;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no full URLs in the Referer, no framing, and a Content-Security-Policy
/// that Blazor Server and MudBlazor work under (scripts only from the portal itself plus the one inline import map,
/// which carries this request's nonce; inline style attributes, which MudBlazor sets, are allowed). HSTS is added outside
/// Development by <c>UseHsts</c>.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce of this request's Content-Security-Policy, for the few inline scripts the framework writes.</summary>
    public static string Nonce(HttpContext context) =>
        context.Items.TryGetValue(NonceKey, out var nonce) && nonce is string value ? value : "";

    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        // The sign-out form is redirected to the provider's end-session endpoint, which form-action must allow. Read
        // unvalidated: bad settings are reported once the host starts, in one line.
        var oidc = app.Configuration.GetSection(PortalAuthenticationOptions.SectionName).Get<PortalAuthenticationOptions>()?.Oidc ?? new();
        var formTargets = oidc.IsConfigured && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            ? $"'self' {authority.GetLeftPart(UriPartial.Authority)}"
            : "'self'";

        return app.Use((context, next) =>
        {
            // Hexadecimal: valid in a CSP nonce and never changed by HTML attribute encoding (as '+' would be).
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + $"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action {formTargets}";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
