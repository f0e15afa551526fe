using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Mattermost;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Dashboard;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.MattermostSimulator;
using Switchboard.Portal.Features.Jobs;
using Switchboard.Portal.Features.Mattermost;

namespace Switchboard.IntegrationTests.Mattermost;

/// <summary>The token job against the Mattermost simulator; each test has its own portal and database.</summary>
public abstract class TokenRegenerationTests(PortalFactory portal) : IAsyncLifetime
{
    private readonly PortalFactory _portal = portal;
    private SimulatedMattermost _mattermost = default!;
    private WebApplicationFactory<Program> _connected = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _mattermost = await SimulatedMattermost.StartAsync();
        _connected = Connect();
    }

    public async ValueTask DisposeAsync()
    {
        await _connected.DisposeAsync();
        await _portal.DisposeAsync();
        await _mattermost.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private WebApplicationFactory<Program> Connect(int concurrency = 16, bool enabled = true) => _portal.WithWebHostBuilder(b => b
        .UseSetting("Mattermost:Enabled", enabled ? "true" : "false")
        .UseSetting("Mattermost:Url", _mattermost.Url)
        .UseSetting("Mattermost:AdminToken", _mattermost.State.AdminToken)
        .UseSetting("Mattermost:Concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Mattermost:Schedule", ""));

    private async Task<TokenRun> RunAsync(WebApplicationFactory<Program>? portal = null) =>
        await (portal ?? _connected).Services.GetRequiredService<TokenRegenerationRunner>().RunAsync("test", Ct);

    private async Task SeedAsync(params PersonDraft[] people)
    {
        var result = await _connected.Services.GetRequiredService<DirectoryWriter>().UpsertAsync(people, Ct);
        Assert.True(result.Succeeded);
    }

    /// <summary>Seeds <paramref name="count"/> people with sync on (<paramref name="prefix"/>00, 01, …), each with a Mattermost user.</summary>
    private async Task SeedWithMattermostUsersAsync(string prefix, int count)
    {
        var people = Enumerable.Range(0, count).Select(i => Syncing($"{prefix}{i:D2}")).ToArray();
        foreach (var person in people)
        {
            _mattermost.State.AddUser(person.Username, person.Email!);
        }

        await SeedAsync(people);
    }

    private static PersonDraft Syncing(string username, string? email = null) =>
        new() { Username = username, Email = email ?? $"{username}@example.test", MattermostSyncEnabled = true };

    private async Task<Dictionary<string, TokenOutcomeKind>> OutcomesAsync(long runId)
    {
        await using var db = await _connected.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);
        return await db.TokenOutcomes.Where(o => o.RunId == runId).ToDictionaryAsync(o => o.Username, o => o.Kind, Ct);
    }

    [Fact]
    public async Task Run_MatchesByUsernameThenEmail_AndRecordsNotFound()
    {
        _mattermost.State.AddUser("ada", "ada@example.test");
        _mattermost.State.AddUser("bob-in-chat", "bob@example.test");
        await SeedAsync(Syncing("ada"), Syncing("bob", "bob@example.test"), Syncing("cyril"),
            new PersonDraft { Username = "dora", Email = "dora@example.test", MattermostSyncEnabled = false });

        var run = await RunAsync();

        Assert.Equal((TokenRunStatus.Succeeded, 3, 2, 1), (run.Status, run.Processed, run.Generated, run.NotFound));
        Assert.Equal(new Dictionary<string, TokenOutcomeKind>
        {
            ["ada"] = TokenOutcomeKind.Generated,
            ["bob"] = TokenOutcomeKind.Generated,
            ["cyril"] = TokenOutcomeKind.NotFound,
        }, await OutcomesAsync(run.Id));
        Assert.Equal(2, _mattermost.State.Tokens.Count());
    }

    [Fact]
    public async Task Tokens_AreStoredEncrypted_AndTheSecondRunLeavesThemAlone()
    {
        _mattermost.State.AddUser("erin", "erin@example.test");
        await SeedAsync(Syncing("erin"));

        await RunAsync();
        var second = await RunAsync();

        var token = Assert.Single(_mattermost.State.Tokens);
        await using var db = await _connected.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.People.AsNoTracking().SingleAsync(p => p.Username == "erin", Ct);
        Assert.DoesNotContain(token.Token, stored.MattermostTokenProtected, StringComparison.Ordinal);
        var protector = _connected.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(TokenRegenerationRunner.ProtectorPurpose);
        Assert.Equal(token.Token, protector.Unprotect(stored.MattermostTokenProtected!));
        Assert.Equal((token.Id, token.UserId), (stored.MattermostTokenId, stored.MattermostUserId));
        Assert.Equal((0, 1), (second.Processed, second.AlreadyValid));
    }

    [Fact]
    public async Task ServerErrors_AreRetried_ThenTheTokenIsCreated()
    {
        _mattermost.State.AddUser("finn", "finn@example.test");
        await SeedAsync(Syncing("finn"));
        _mattermost.State.FailNext(2);

        var run = await RunAsync();

        Assert.Equal((TokenRunStatus.Succeeded, 1), (run.Status, run.Generated));
    }

    [Fact]
    public async Task IntegrationNotConfigured_IsSkippedWithTheReason_WithoutCalls()
    {
        await SeedAsync(Syncing("gus"));
        await using var off = Connect(enabled: false);

        var run = await RunAsync(off);

        Assert.Equal((TokenRunStatus.Skipped, "integration not configured"), (run.Status, run.Reason));
        Assert.Empty(_mattermost.State.Calls);
    }

    [Fact]
    public async Task WrongAdminTokenOrNoServer_SkipTheRunWithTheReason()
    {
        await SeedAsync(Syncing("gil"));
        await using var wrongToken = _portal.WithWebHostBuilder(b => b.UseSetting("Mattermost:Enabled", "true")
            .UseSetting("Mattermost:Url", _mattermost.Url).UseSetting("Mattermost:AdminToken", "not-the-admin-token"));
        await using var noServer = _portal.WithWebHostBuilder(b => b.UseSetting("Mattermost:Enabled", "true")
            .UseSetting("Mattermost:Url", "http://127.0.0.1:9").UseSetting("Mattermost:AdminToken", "x").UseSetting("Mattermost:MaxRetries", "0"));

        var rejected = await RunAsync(wrongToken);
        var unreachable = await RunAsync(noServer);

        Assert.Equal((TokenRunStatus.Skipped, "admin token rejected"), (rejected.Status, rejected.Reason));
        Assert.Equal((TokenRunStatus.Skipped, "server unreachable"), (unreachable.Status, unreachable.Reason));
    }

    [Fact]
    public async Task UserAccessTokensDisabledOnTheServer_SkipsTheWholeRun_AfterOneCreateCall_WithoutRetries()
    {
        await SeedWithMattermostUsersAsync("hana", 20);
        _mattermost.State.UserAccessTokensEnabled = false;

        var run = await RunAsync();

        Assert.Equal((TokenRunStatus.Skipped, "user access tokens are disabled on the server"), (run.Status, run.Reason));
        Assert.Equal(1, _mattermost.State.Calls.GetValueOrDefault("POST /api/v4/users/{user_id}/tokens"));
        Assert.Equal(0, run.Failed);
        Assert.DoesNotContain(TokenOutcomeKind.Failed, (await OutcomesAsync(run.Id)).Values);
    }

    [Fact]
    public async Task UsernameWithCapitals_IsLookedUpInLowerCase_AndGetsAToken()
    {
        _mattermost.State.AddUser("some.user", "some.user@example.test");
        await SeedAsync(Syncing("Some.User", "elsewhere@example.test"));

        var run = await RunAsync();

        Assert.Equal((TokenRunStatus.Succeeded, 1, 0), (run.Status, run.Generated, run.Failed));
        Assert.Equal(0, _mattermost.State.Calls.GetValueOrDefault("GET /api/v4/users/email/{email}"));
    }

    [Fact]
    public async Task UsernameMattermostRefuses_FallsBackToTheEmail()
    {
        _mattermost.State.AddUser("oneil", "oneil@example.test");
        await SeedAsync(Syncing("oneil@corp", "oneil@example.test"));

        var run = await RunAsync();

        Assert.Equal((TokenRunStatus.Succeeded, 1, 0), (run.Status, run.Generated, run.Failed));
        Assert.Equal(1, _mattermost.State.Calls.GetValueOrDefault("GET /api/v4/users/email/{email}"));
    }

    [Fact]
    public async Task Run_SkipsPeopleOutsideTheEligibilityRule_AndPreviewSaysWhy()
    {
        foreach (var name in new[] { "active", "off", "gone", "retired" })
        {
            _mattermost.State.AddUser(name, $"{name}@example.test");
        }

        await SeedAsync(Syncing("active"), Syncing("off") with { Disabled = true }, Syncing("gone") with { State = "Left" },
            Syncing("retired") with { State = "RETIRED" });
        await using var retiredLeaves = _portal.WithWebHostBuilder(b => b.UseSetting("Mattermost:Enabled", "true")
            .UseSetting("Mattermost:Url", _mattermost.Url).UseSetting("Mattermost:AdminToken", _mattermost.State.AdminToken)
            .UseSetting("Mattermost:Schedule", "").UseSetting("Mattermost:LeaverStates:0", "LEFT").UseSetting("Mattermost:LeaverStates:1", "RETIRED"));

        var preview = await retiredLeaves.Services.GetRequiredService<TokenRegenerationRunner>().PreviewAsync(Ct);
        var run = await RunAsync(retiredLeaves);

        Assert.Equal(
            [("active", TokenAction.Create, "no token stored"), ("gone", TokenAction.Skip, "not eligible: state Left is a leaver state"),
                ("off", TokenAction.Skip, "not eligible: disabled"), ("retired", TokenAction.Skip, "not eligible: state RETIRED is a leaver state")],
            preview.Select(p => (p.Username, p.Action, p.Reason)).OrderBy(p => p.Username));
        Assert.Equal((1, 1), (run.Processed, run.Generated));
        Assert.Equal(["active"], (await OutcomesAsync(run.Id)).Keys);
        Assert.Same(run, retiredLeaves.Services.GetRequiredService<TokenRegenerationRunner>().LastFinished);
    }

    [Fact]
    public async Task Dashboard_CountsOnlyEligiblePeopleWithoutAToken()
    {
        await SeedAsync(Syncing("pia"), Syncing("quin") with { Disabled = true }, Syncing("rita") with { State = "left" }, Syncing("sam") with { State = "VALID" });
        await using var scope = _connected.Services.CreateAsyncScope();

        var summary = await scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.Dashboard.DashboardService>().GetAsync(Ct);

        Assert.Equal(2, summary.ChatSyncWithoutToken);
    }

    [Theory]
    [InlineData(true, null, "disabled")]
    [InlineData(false, "LEFT", "state LEFT is a leaver state")]
    public async Task Regenerate_ForADisabledPersonOrALeaver_IsRefusedWithTheReason_WithoutCallingMattermost(bool disabled, string? state, string reason)
    {
        _mattermost.State.AddUser("leo", "leo@example.test");
        await SeedAsync(Syncing("leo") with { Disabled = disabled, State = state });
        await using var scope = _connected.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.Mattermost.MattermostTokensService>();

        var refused = await Assert.ThrowsAsync<TokenNotEligibleException>(() => tokens.RegenerateAsync(TestPeople.Operator, "leo", Ct));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Empty(_mattermost.State.Tokens);
        Assert.Empty(_mattermost.State.Calls);
    }

    [Fact]
    public async Task Api_RegenerateForALeaver_IsRefusedWithProblemDetails_AndForAnActivePersonCreatesAnAuditedToken()
    {
        _mattermost.State.AddUser("lena", "lena@example.test");
        _mattermost.State.AddUser("mona", "mona@example.test");
        await SeedAsync(Syncing("lena") with { State = "LEFT" }, Syncing("mona"));
        var client = _connected.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await KeyAsync(Switchboard.Domain.ApiKeys.ApiKeyScopes.JobsRun));

        var refused = await client.PostAsync("/api/people/lena/mattermost-token:regenerate", null, Ct);
        var done = await client.PostAsync("/api/people/mona/mattermost-token:regenerate", null, Ct);
        var unknown = await client.PostAsync("/api/people/nobody/mattermost-token:regenerate", null, Ct);

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(refused.Content, Ct);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Contains("state LEFT is a leaver state", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("LeaverState", problem.GetProperty("reason").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        var token = Assert.Single(_mattermost.State.Tokens);
        Assert.Equal(_mattermost.State.UserByUsername("mona")!.Id, token.UserId);
        await using var db = await _connected.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);
        var audited = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.MattermostTokenRegenerated && e.ObjectId == "mona", Ct);
        Assert.Equal(AuditResult.Success, audited.Result);
        Assert.StartsWith("new token", audited.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiringToken_IsRotated_AndTheOldOneRevoked()
    {
        _mattermost.State.AddUser("ivan", "ivan@example.test");
        await SeedAsync(Syncing("ivan"));
        await RunAsync();
        var old = Assert.Single(_mattermost.State.Tokens);
        await using (var db = await _connected.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.People.Where(p => p.Username == "ivan").ExecuteUpdateAsync(s => s.SetProperty(p => p.MattermostTokenExpiresAt, DateTime.UtcNow.AddDays(2)), Ct);
        }

        var run = await RunAsync();

        Assert.Equal(1, run.Rotated);
        var current = Assert.Single(_mattermost.State.Tokens);
        Assert.NotEqual(old.Id, current.Id);
    }

    [Fact]
    public async Task Api_StartsARun_AnswersItsUrl_AndRefusesAKeyWithoutJobsRun()
    {
        _mattermost.State.AddUser("jana", "jana@example.test");
        await SeedAsync(Syncing("jana"));
        var client = _connected.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await KeyAsync(Switchboard.Domain.ApiKeys.ApiKeyScopes.JobsRun));

        var started = await client.PostAsync("/api/jobs/token-regeneration/runs", null, Ct);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        var url = started.Headers.Location!.ToString();
        var run = await Eventually.MatchesAsync("the run finished", () => System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, url, Ct),
            r => r.GetProperty("status").GetString() != "Running");

        Assert.Equal(("Succeeded", 1), (run.GetProperty("status").GetString(), run.GetProperty("generated").GetInt32()));
        var reader = _connected.CreateClient();
        reader.DefaultRequestHeaders.Add("X-Api-Key", await KeyAsync(Switchboard.Domain.ApiKeys.ApiKeyScopes.AuditRead));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await reader.PostAsync("/api/jobs/token-regeneration/runs", null, Ct)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/api/jobs/token-regeneration/runs/999999", Ct)).StatusCode);
    }

    [Fact]
    public async Task Preview_SaysWhoWouldBeTouched_WithoutCreatingAnything()
    {
        _mattermost.State.AddUser("kim", "kim@example.test");
        await SeedAsync(Syncing("kim"), Syncing("lea"));

        var preview = await _connected.Services.GetRequiredService<TokenRegenerationRunner>().PreviewAsync(Ct);

        Assert.Equal([("kim", TokenAction.Create), ("lea", TokenAction.Create)], preview.Select(p => (p.Username, p.Action)).OrderBy(p => p.Username));
        Assert.Empty(_mattermost.State.Calls);
    }

    private async Task<string> KeyAsync(string scope)
    {
        await using var scopeServices = _connected.Services.CreateAsyncScope();
        var created = await scopeServices.ServiceProvider.GetRequiredService<Switchboard.Infrastructure.ApiKeys.ApiKeyService>().CreateAsync(
            TestPeople.Admin, new() { Name = $"tokens {Guid.NewGuid():N}", Scopes = [scope] }, Ct);
        return created.Secret;
    }

    [Fact]
    public async Task Concurrency_StaysWithinTheConfiguredBound()
    {
        await SeedWithMattermostUsersAsync("c", 40);
        _mattermost.State.Latency = TimeSpan.FromMilliseconds(30);
        await using var four = Connect(concurrency: 4);

        var run = await RunAsync(four);

        Assert.Equal(40, run.Generated);
        Assert.InRange(_mattermost.State.MaxInFlight, 2, 4);
    }

    [Fact]
    public async Task RateLimit_IsHonoured_WithoutAsking()
    {
        await SeedWithMattermostUsersAsync("r", 15);
        _mattermost.State.RateLimit = new RateLimit(perSecond: 10, burst: 10);
        var clock = Stopwatch.StartNew();

        var run = await RunAsync();

        // 1 check + 15 look-ups + 15 creates = 31 calls; 10 come from the burst, 21 more at 10/s take at least 2 s.
        Assert.Equal(15, run.Generated);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(_mattermost.State.Calls.GetValueOrDefault("429") <= 1, $"{_mattermost.State.Calls.GetValueOrDefault("429")} answers were 429");
    }

    [Fact]
    public async Task RunNowWhileRunning_AnswersTheRunningRun()
    {
        _mattermost.State.AddUser("otto", "otto@example.test");
        await SeedAsync(Syncing("otto"));
        _mattermost.State.Latency = TimeSpan.FromMilliseconds(300);
        var runner = _connected.Services.GetRequiredService<TokenRegenerationRunner>();

        var ids = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => runner.StartAsync("test", Ct)));
        var scheduled = await runner.RunAsync("schedule", Ct);

        Assert.Single(ids.Distinct());
        Assert.Equal(ids[0], scheduled.Id);
        Assert.Equal(1, scheduled.Generated);
    }

    [Fact]
    public async Task Cancel_StopsTheRun_AndKeepsWhatWasGenerated()
    {
        await SeedWithMattermostUsersAsync("x", 60);
        _mattermost.State.Latency = TimeSpan.FromMilliseconds(50);
        await using var two = Connect(concurrency: 2);
        var runner = two.Services.GetRequiredService<TokenRegenerationRunner>();

        var id = await runner.StartAsync("test", Ct);
        // Cancel once the first results are written, however loaded the machine is.
        await Eventually.TrueAsync("the run's first results written", () => runner.Progress is { Done: > 0 });

        Assert.True(runner.Cancel());
        await Eventually.TrueAsync("the cancelled run ended", () => runner.Progress is null);

        await using var db = await two.Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Ct);
        var run = await db.TokenRuns.SingleAsync(r => r.Id == id, Ct);
        Assert.Equal(TokenRunStatus.Cancelled, run.Status);
        Assert.InRange(run.Generated, 1, 59);
        Assert.Equal(run.Generated, await db.People.CountAsync(p => p.MattermostTokenProtected != null, Ct));
    }

    [Fact]
    public async Task RunOnAnotherInstance_ShowsItsStoredProgressHere_AndStopsWhenCancelledFromHere()
    {
        await SeedWithMattermostUsersAsync("y", 60);
        _mattermost.State.Latency = TimeSpan.FromMilliseconds(50);
        await using var there = Connect(concurrency: 2);
        var id = await there.Services.GetRequiredService<TokenRegenerationRunner>().StartAsync("test", Ct);

        // This instance (another portal on the same database) runs nothing itself: it reads the run as the other one stores it.
        await using var scope = _connected.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<MattermostTokensService>();
        var progress = await Eventually.MatchesAsync("the other instance's run with its first results stored", () => tokens.ProgressAsync(Ct), p => p is { Done: > 0 });
        Assert.Null(_connected.Services.GetRequiredService<TokenRegenerationRunner>().Progress);
        Assert.Equal((id, 60, false), (progress!.RunId, progress.Total, progress.Cancelling));

        Assert.True(await tokens.CancelRunAsync(TestPeople.Operator, Ct));
        Assert.True((await tokens.ProgressAsync(Ct)) is null or { Cancelling: true });

        var run = await Eventually.FoundAsync("the run stopped on its own instance", () => _portal.QueryAsync(db =>
            db.TokenRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.FinishedAt != null, Ct)));
        Assert.Equal((TokenRunStatus.Cancelled, "otto.operator"), (run.Status, run.CancelRequestedBy));
        Assert.InRange(run.Generated, 1, 59);
        var runId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await _portal.QueryAsync(db => db.AuditEntries.AnyAsync(
            a => a.Action == AuditActions.TokenRunCancelled && a.ObjectId == runId && a.Actor == "otto.operator", Ct)));
        Assert.Null(await tokens.ProgressAsync(Ct));
    }

    [Fact]
    public async Task TokenRun_RunNowFromTheTokensPage_GoesThroughTheJobHandle()
    {
        _mattermost.State.AddUser("otto", "otto@example.test");
        await SeedAsync(Syncing("otto"));
        var job = _connected.Services.GetRequiredService<JobRegistry>().Find(TokenRegenerationJob.Name)!;
        await using var scope = _connected.Services.CreateAsyncScope();

        var id = await scope.ServiceProvider.GetRequiredService<MattermostTokensService>().StartRunAsync(TestPeople.Operator, Ct);

        var run = await Eventually.FoundAsync("the run finished", () => _portal.QueryAsync(db => db.TokenRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.FinishedAt != null, Ct)));
        var status = await Eventually.MatchesAsync("the job recorded the run", () => Task.FromResult(job.Status), s => s is { Running: false, LastOutcome: not null });
        Assert.Equal(("otto.operator", 1), (run.TriggeredBy, run.Generated));
        Assert.Equal(("otto.operator", JobOutcome.Succeeded), (status.TriggeredBy, status.LastOutcome));
        Assert.Contains($"run {id}:", status.LastMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRun_RunNowFromBackgroundJobs_IsATokenRunByThePersonWhoAsked()
    {
        _mattermost.State.AddUser("otto", "otto@example.test");
        await SeedAsync(Syncing("otto"));
        await using var scope = _connected.Services.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<BackgroundJobsService>().RunNowAsync(TestPeople.Operator, TokenRegenerationJob.Name, Ct);

        var run = await Eventually.FoundAsync("the run finished", () => _portal.QueryAsync(db => db.TokenRuns.AsNoTracking().SingleOrDefaultAsync(r => r.FinishedAt != null, Ct)));
        Assert.Equal(("otto.operator", TokenRunStatus.Succeeded, 1), (run.TriggeredBy, run.Status, run.Generated));
    }
}

public sealed class TokenRegenerationTestsOnSqlite() : TokenRegenerationTests(new PortalFactory());

public sealed class TokenRegenerationTestsOnPostgres(PostgresServer postgres) : TokenRegenerationTests(new PostgresPortalFactory(postgres));
