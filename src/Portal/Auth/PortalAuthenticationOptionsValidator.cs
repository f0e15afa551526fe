using Microsoft.Extensions.Options;

namespace Switchboard.Portal.Auth;

internal sealed class PortalAuthenticationOptionsValidator(IHostEnvironment environment) : IValidateOptions<PortalAuthenticationOptions>
{
    private const string Section = PortalAuthenticationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PortalAuthenticationOptions options)
    {
        var failures = new List<string>();
        var oidc = options.Oidc;
        if (!oidc.IsConfigured && !environment.IsDevelopment())
        {
            failures.Add($"{Section}:Oidc:Authority is required outside the Development environment (the development sign-in exists only there).");
        }

        if (oidc.IsConfigured)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority))
            {
                failures.Add($"{Section}:Oidc:Authority must be an absolute URL, not '{oidc.Authority}'.");
            }
            else if (oidc.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{Section}:Oidc:Authority must be an https:// URL while {Section}:Oidc:RequireHttpsMetadata is true (false only for a test provider on this machine).");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                failures.Add($"{Section}:Oidc:ClientId is required when {Section}:Oidc:Authority is set.");
            }

            if (!oidc.Scopes.Contains("openid"))
            {
                failures.Add($"{Section}:Oidc:Scopes must include 'openid'.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim))
        {
            failures.Add($"{Section}:RoleClaim must name the claim that carries roles (e.g. 'groups').");
        }

        if (!options.RoleMapping.Values.Any(values => values.Any(v => !string.IsNullOrWhiteSpace(v))))
        {
            failures.Add($"{Section}:RoleMapping must map at least one claim value to Admin, Operator or Viewer.");
        }

        if (options.SessionLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:SessionLifetime must be positive.");
        }

        if (options.RoleRefresh <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RoleRefresh must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
