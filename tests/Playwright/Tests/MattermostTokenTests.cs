using System.Net.Http.Json;
using Microsoft.Playwright;
using Switchboard.BrowserTests.PageObjects;
using Switchboard.BrowserTests.Rig;
using static Microsoft.Playwright.Assertions;

namespace Switchboard.BrowserTests.Tests;

public sealed class MattermostTokenTests(PortalRig rig) : BrowserTest(rig)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>People with chat sync in the portal (through the people API) and, for some, users in the simulator.</summary>
    private async Task SeedAsync(IPage admin, string prefix, int inMattermost, int missing)
    {
        var keys = new ApiKeysPage(admin);
        await keys.OpenAsync();
        var secret = await keys.CreateAsync($"directory feed {prefix}", "people:write");
        using var simulator = new HttpClient { BaseAddress = new Uri(Rig.MattermostUrl) };
        var known = Enumerable.Range(0, inMattermost).Select(i => new { username = $"{prefix}{i}", email = $"{prefix}{i}@example.test" }).ToArray();
        (await simulator.PostAsJsonAsync("/simulator/users", known, Ct)).EnsureSuccessStatusCode();
        foreach (var username in known.Select(k => k.username).Concat(Enumerable.Range(0, missing).Select(i => $"{prefix}missing{i}")))
        {
            var response = await Rig.Api.PutAsync($"/api/people/{username}", new()
            {
                Headers = new Dictionary<string, string> { ["X-Api-Key"] = secret },
                DataObject = new { username, email = $"{username}@example.test", mattermostSyncEnabled = true },
            });
            Assert.Equal(200, response.Status);
        }
    }

    [Fact]
    public async Task RunNow_ShowsLiveProgress_AndTheRunEndsWithItsOutcomes()
    {
        var admin = await OtherSessionAsync();
        await new PortalShell(admin).SignInAsync("ada.admin");
        await SeedAsync(admin, "mmrun", inMattermost: 4, missing: 1);
        using var simulator = new HttpClient { BaseAddress = new Uri(Rig.MattermostUrl) };
        (await simulator.PostAsJsonAsync("/simulator/settings", new { latencyMilliseconds = 400 }, Ct)).EnsureSuccessStatusCode();
        try
        {
            await new PortalShell(Page).SignInAsync("otto.operator", "/mattermost-tokens");
            await Expect(Page.GetByText("connected")).ToBeVisibleAsync();

            await Page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();

            await Expect(Page.GetByLabel("Run progress")).ToBeVisibleAsync();
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" })).ToBeVisibleAsync();
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        finally
        {
            (await simulator.PostAsJsonAsync("/simulator/settings", new { latencyMilliseconds = 0 }, Ct)).EnsureSuccessStatusCode();
        }

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Run history" }).ClickAsync();
        await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "otto.operator" }).First.ClickAsync();
        var outcomes = Page.GetByLabel("Run outcomes");
        await Expect(outcomes.GetByRole(AriaRole.Row).Filter(new() { HasText = "mmrun0" })).ToContainTextAsync("Generated");
        await Expect(outcomes.GetByRole(AriaRole.Row).Filter(new() { HasText = "mmrun3" })).ToContainTextAsync("Generated");
        await Expect(outcomes.GetByRole(AriaRole.Row).Filter(new() { HasText = "mmrunmissing0" })).ToContainTextAsync("NotFound");
    }

    [Fact]
    public async Task Regenerate_OnAPerson_ReplacesTheirTokenInMattermost()
    {
        var admin = await OtherSessionAsync();
        await new PortalShell(admin).SignInAsync("ada.admin");
        await SeedAsync(admin, "mmregen", inMattermost: 1, missing: 0);
        await new PortalShell(Page).SignInAsync("otto.operator", "/mattermost-tokens");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "mmregen0" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Regenerate token of mmregen0" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        await Expect(Page.GetByText("mmregen0: new token")).ToBeVisibleAsync();
        var first = await TokensOfAsync("mmregen0");
        await row.GetByRole(AriaRole.Button, new() { Name = "Regenerate token of mmregen0" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();

        // The snackbar does not repeat an identical message, so the simulator says when the second token is there
        // (waiting past the moment between revoking the old token and creating the new one, when there is none).
        var second = await Eventually.MatchesAsync("one new token of mmregen0 in Mattermost, in place of the first",
            () => TokensOfAsync("mmregen0"), tokens => tokens.Count > 0 && !tokens.SequenceEqual(first));

        Assert.Single(first);
        Assert.Single(second);
        Assert.NotEqual(first[0], second[0]);
        await Expect(row).ToContainTextAsync("since");
    }

    [Fact]
    public async Task Admin_PausesAndResumesTheSchedule_AndThePageSaysByWhom()
    {
        await new PortalShell(Page).SignInAsync("ada.admin", "/mattermost-tokens");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause schedule" }).ClickAsync();
        await Expect(Page.GetByText("paused by ada.admin")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Resume schedule" }).ClickAsync();

        await Expect(Page.GetByText("paused by ada.admin")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Pause schedule" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Viewer_HasNoRunNow_AndTheApiRefusesThem()
    {
        await new PortalShell(Page).SignInAsync("vera.viewer", "/mattermost-tokens");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mattermost tokens" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Preview" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Pause schedule" })).ToHaveCountAsync(0);
        var response = await Page.APIRequest.PostAsync("/api/jobs/token-regeneration/runs");
        Assert.Contains(response.Status, new[] { 401, 403 });
    }

    /// <summary>The ids of the tokens the simulator holds for a Mattermost user.</summary>
    private async Task<List<string>> TokensOfAsync(string username)
    {
        using var simulator = new HttpClient { BaseAddress = new Uri(Rig.MattermostUrl) };
        var users = await simulator.GetFromJsonAsync<System.Text.Json.JsonElement>("/simulator/users", Ct);
        var userId = users.EnumerateArray().Single(u => u.GetProperty("username").GetString() == username).GetProperty("id").GetString();
        var tokens = await simulator.GetFromJsonAsync<System.Text.Json.JsonElement>("/simulator/tokens", Ct);
        return tokens.EnumerateArray().Where(t => t.GetProperty("userId").GetString() == userId).Select(t => t.GetProperty("id").GetString()!).ToList();
    }
}
