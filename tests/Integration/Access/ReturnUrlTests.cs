using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Switchboard.IntegrationTests.Access;

/// <summary>After signing in, a person is sent back only to a path on the portal, whatever the link said.</summary>
public sealed class ReturnUrlTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Return addresses as an attacker would put them in a link (already URL-encoded for the query string).</summary>
    public static TheoryData<string> Hostile() =>
    [
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "%2F%09%2F127.0.0.1:5099%2Fpwned",
        "%2F%0A%2Fevil.example",
        "%2F%0D%0ASet-Cookie:%20x=1",
        "%2F%00%2Fevil.example",
        "%2F%5C%09%2Fevil.example",
        "https:%2F%2Fevil.example%2F",
        "http:evil.example",
        "javascript:alert(1)",
        "%20%2F%2Fevil.example",
        "~%2F%2Fevil.example",
        "evil.example",
        "%5C%5Cevil.example",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task SignIn_WithHostileReturnUrl_ComesBackToTheDashboard(string returnUrl)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/auth/sign-in?returnUrl={returnUrl}", Ct);

        // Development sign-in: the challenge goes to the sign-in page, carrying where to come back to.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = SessionCookie.RedirectPath(response)!;
        Assert.StartsWith("/dev/sign-in?", location, StringComparison.Ordinal);
        Assert.Equal("/", QueryHelpers.ParseQuery(location[location.IndexOf('?', StringComparison.Ordinal)..])["ReturnUrl"].ToString());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task DevSignIn_WithHostileReturnUrl_LandsOnTheDashboard(string returnUrl)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await DevelopmentSignIn.SignInAsync(client, "vera.viewer", Ct, Uri.UnescapeDataString(returnUrl));

        // A NUL character is refused by the form reader itself (400); everything else signs in and lands on '/'.
        if (returnUrl.Contains("%00", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DevSignIn_WithLocalReturnUrl_GoesBackThere()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await DevelopmentSignIn.SignInAsync(client, "vera.viewer", Ct, "/people?role=x%20y");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/people?role=x%20y", response.Headers.Location?.OriginalString);
    }
}
