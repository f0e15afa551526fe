using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Switchboard.IntegrationTests.Startup;

/// <summary>/health/ready reports storage that no longer takes writes, while the database itself still opens.</summary>
public sealed class ReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DataFolderThatRefusesAWrite_MakesReadinessUnhealthy()
    {
        await using var portal = new PortalFactory();
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Ct)).StatusCode);

        // A folder where the write probe's file goes: root ignores permissions, but not this.
        Directory.CreateDirectory(Path.Combine(portal.DataFolder, ".write-probe"));
        var response = await client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task LessFreeSpaceThanTheMinimum_MakesReadinessUnhealthy()
    {
        await using var portal = new PortalFactory();
        using var scarce = portal.WithWebHostBuilder(b => b.UseSetting("Database:MinimumFreeSpaceMegabytes", "1000000000000"));

        var response = await scarce.CreateClient().GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(Ct));
    }
}
