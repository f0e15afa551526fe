using System.Text.RegularExpressions;

namespace Switchboard.IntegrationTests;

/// <summary>Signs a test client in through the development sign-in form, antiforgery token and all.</summary>
public static partial class DevelopmentSignIn
{
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string persona, CancellationToken cancellationToken, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/dev/sign-in", cancellationToken);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync("/auth/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["persona"] = persona,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }), cancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
