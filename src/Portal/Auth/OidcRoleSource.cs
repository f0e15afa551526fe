using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Access;

namespace Switchboard.Portal.Auth;

/// <summary>
/// Reads the role claim again from the OpenID provider: redeems the session's refresh token (granted when the scopes
/// include <c>offline_access</c>) and asks the user-info endpoint. Without a refresh token, or when the provider refuses
/// it, the answer is null and the person goes through the provider again.
/// </summary>
internal sealed partial class OidcRoleSource(
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptionsMonitor<PortalAuthenticationOptions> options,
    ILogger<OidcRoleSource> logger) : IRoleSource
{
    public async Task<IReadOnlyList<string>?> ReadAsync(ClaimsPrincipal person, AuthenticationProperties session, CancellationToken cancellationToken)
    {
        var refreshToken = session.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            return null;
        }

        var oidc = oidcOptions.Get(PortalAuthenticationExtensions.OidcScheme);
        var userName = person.DisplayName();
        try
        {
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            if (string.IsNullOrEmpty(configuration.UserInfoEndpoint))
            {
                return null;
            }

            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = oidc.ClientId ?? "",
            };
            if (!string.IsNullOrEmpty(oidc.ClientSecret))
            {
                form["client_secret"] = oidc.ClientSecret;
            }

            using var tokenResponse = await oidc.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
            if (!tokenResponse.IsSuccessStatusCode)
            {
                LogRefused(logger, userName, (int)tokenResponse.StatusCode);
                return null;
            }

            using var tokens = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
            var accessToken = tokens.RootElement.GetProperty("access_token").GetString();
            using var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var userInfoResponse = await oidc.Backchannel.SendAsync(request, cancellationToken);
            if (!userInfoResponse.IsSuccessStatusCode)
            {
                LogRefused(logger, userName, (int)userInfoResponse.StatusCode);
                return null;
            }

            using var userInfo = JsonDocument.Parse(await userInfoResponse.Content.ReadAsStringAsync(cancellationToken));
            KeepTokens(session, tokens.RootElement);
            return RoleValues(userInfo.RootElement, options.CurrentValue.RoleClaim);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, ex, userName);
            return null;
        }
    }

    private static List<string> RoleValues(JsonElement userInfo, string roleClaim) =>
        !userInfo.TryGetProperty(roleClaim, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!]
        : [];

    /// <summary>Providers may rotate the refresh token; the newest tokens replace the stored ones.</summary>
    private static void KeepTokens(AuthenticationProperties session, JsonElement response)
    {
        var tokens = session.GetTokens().ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal);
        foreach (var name in new[] { "access_token", "refresh_token", "id_token" })
        {
            if (response.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } token)
            {
                tokens[name] = token;
            }
        }

        session.StoreTokens(tokens.Select(t => new AuthenticationToken { Name = t.Key, Value = t.Value }));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity provider refused to refresh the roles of {UserName} ({StatusCode}); they sign in again")]
    private static partial void LogRefused(ILogger logger, string userName, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The roles of {UserName} could not be read again from the identity provider; they sign in again")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string userName);
}
