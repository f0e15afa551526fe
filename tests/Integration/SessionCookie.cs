using Microsoft.AspNetCore.Mvc.Testing;

namespace Switchboard.IntegrationTests;

/// <summary>A session cookie saved from a sign-in, replayed by hand the way an attacker who copied it would.</summary>
public static class SessionCookie
{
    public const string Name = "switchboard.session";

    public static string Of(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith($"{Name}=", StringComparison.Ordinal));

    /// <summary>Where a redirect points, as a local path (the cookie handler writes absolute addresses on the portal's host).</summary>
    public static string? RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? (location.Host == "localhost" ? location.PathAndQuery : location.OriginalString)
        : location.OriginalString;

    public static async Task<HttpResponseMessage> GetAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> portal, string cookie, string path)
        where TEntryPoint : class
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
