using Microsoft.AspNetCore.Authentication;

namespace Switchboard.Portal.Auth;

/// <summary>
/// Recognises a failure to reach the OpenID provider: its discovery document could not be fetched when a sign-in
/// began (the IdentityModel configuration manager's IDX20803), or the code exchange after the provider's redirect met
/// a network error. The error page then says so, with 503, instead of a bare 500.
/// </summary>
public static class SignInProviderUnreachable
{
    private const string ConfigurationNotObtained = "IDX20803:";

    public static bool Is(Exception exception)
    {
        var remoteSignIn = false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case InvalidOperationException when current.Message.StartsWith(ConfigurationNotObtained, StringComparison.Ordinal):
                    return true;
                case AuthenticationFailureException:
                    remoteSignIn = true;
                    break;
                case HttpRequestException or TaskCanceledException when remoteSignIn:
                    return true;
            }
        }

        return false;
    }
}
