using System.Net;
using System.Text;
using Bunit;
using Bunit.TestDoubles;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Domain.Audit;
using Switchboard.Domain.ChatOps;
using Switchboard.Domain.People;
using Switchboard.Domain.Retries;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.ChatOps;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;
using Switchboard.Portal.Auth;
using Switchboard.Portal.Features.ChatOps;

namespace Switchboard.ComponentTests.ChatOps;

public sealed class ChatOpsCallPageTests : ComponentTestContext
{
    private const string GlpiUrl = "https://glpi.example.test/apirest.php";
    private const long OpenedTicket = 4711;
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");
    private readonly OpensTickets _glpi = new();
    private long _callId;

    public ChatOpsCallPageTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddLogging();
        Services.AddMetrics();
        Services.AddSingleton<SwitchboardMetrics>();
        Services.AddScoped<AccessGuard>();
        Services.AddScoped<AccountOwners>();
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<BridgeSecrets>();
        Services.AddSingleton(Options.Create(new ChatOpsOptions()));
        Services.AddSingleton(provider => new GlpiClient(new HttpClient(_glpi), provider.GetRequiredService<IOptions<ChatOpsOptions>>()));
        Services.AddSingleton<BridgeCallOutcomes>();
        Services.AddScoped<TicketSender>();
        Services.AddScoped<IValidator<BridgeForm>, BridgeFormValidator>();
        Services.AddScoped<ChatOpsService>();
    }

    /// <summary>Signs in (before any service is read, as bUnit requires), then stores a bridge and a call GLPI failed, by a person the directory knows.</summary>
    private BunitAuthorizationContext SignInAndSeed(string name, PortalRole role)
    {
        var authorization = SignInAs(name, role);
        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
        var now = DateTime.UtcNow;
        var person = Person.Create("nora.nurse");
        person.Apply(new PersonDraft { Username = "nora.nurse", Email = "nora@example.test" }, null, [], now);
        db.People.Add(person);
        var bridge = Bridge.Create(new BridgeSettings("helpdesk", ["112"], GlpiUrl, 1, TicketType.Incident, null, null, null, null, true),
            new BridgeSecretsProtected(null, null, null), now);
        db.Bridges.Add(bridge);
        db.SaveChanges();
        var post = new WebhookPost("t", "post-77", "nora.nurse", "u-nora", "town-square", null, "hospital", null, "112 projector in room 4 is dead", "112");
        var call = BridgeCall.Receive(bridge.Id, post, "112", "projector in room 4 is dead", now);
        call.MarkFailed("HTTP_503", "GLPI is down for maintenance", 12, now, new RetrySchedule(1, TimeSpan.FromMinutes(1)));
        db.BridgeCalls.Add(call);
        db.SaveChanges();
        _callId = call.Id;
        return authorization;
    }

    private IRenderedComponent<ChatOpsCallPage> RenderPage(long id)
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<ChatOpsCallPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-label='Loading']")));
        return page;
    }

    [Fact]
    public void FailedCall_ShowsWhatArrived_TheErrorAndAttempts_AndLinksThePersonWhoWrote()
    {
        SignInAndSeed("vera.viewer", PortalRole.Viewer);

        var page = RenderPage(_callId);

        Assert.Contains($"ChatOps call {_callId}", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal("post-77", page.Find("[aria-label='Post id']").TextContent);
        Assert.Equal("projector in room 4 is dead", page.Find("[aria-label='Text of the call']").TextContent);
        Assert.Equal("/people/nora.nurse", page.Find("a[aria-label='Person who made the call']").GetAttribute("href"));
        Assert.Equal("HTTP_503: GLPI is down for maintenance", page.Find("[aria-label='Error']").TextContent.Trim());
        Assert.Equal("1 attempt, waiting for a Retry", page.Find("[aria-label='Attempts']").TextContent.Trim());
        Assert.Contains("Nobody has acted on this call yet", page.Find("[aria-label='Audit entries about the call']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AViewer_GetsNoRetry()
    {
        SignInAndSeed("vera.viewer", PortalRole.Viewer);

        var page = RenderPage(_callId);

        Assert.Empty(page.FindAll($"button[aria-label='Retry call {_callId}']"));
    }

    [Fact]
    public void AnOperatorsRetry_OpensTheTicket_LinksIt_AndListsTheAuditEntryLinkedToItsPage()
    {
        SignInAndSeed("otto.operator", PortalRole.Operator);
        var page = RenderPage(_callId);

        page.Find($"button[aria-label='Retry call {_callId}']").Click();

        page.WaitForAssertion(() => Assert.Equal($"https://glpi.example.test/front/ticket.form.php?id={OpenedTicket}",
            page.Find($"a[aria-label='GLPI ticket {OpenedTicket}']").GetAttribute("href")));
        Assert.Empty(page.FindAll($"button[aria-label='Retry call {_callId}']"));
        var entry = Services.AuditTrail().Single(e => e.Action == AuditActions.BridgeCallRetried);
        Assert.Equal(("otto.operator", AuditResult.Success), (entry.Actor, entry.Result));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[aria-label='Audit entries about the call'] a"), a => a.GetAttribute("href") == $"/audit/{entry.Id}"));
        Assert.Contains($"ticket {OpenedTicket} opened", page.Find("[aria-label='Audit entries about the call']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetry_RunsToItsOutcome_WhenTheButtonGoesAwayWhileGlpiIsAnswering()
    {
        SignInAndSeed("otto.operator", PortalRole.Operator);
        _glpi.HoldTicket();
        var button = Render<RetryCallsButton>(p => p.Add(b => b.CallIds, [_callId]).Add(b => b.Label, $"Retry call {_callId}"));

        button.Find($"button[aria-label='Retry call {_callId}']").Click();
        await _glpi.TicketAsked.Task.WaitAsync(Eventually.DefaultDeadline, Xunit.TestContext.Current.CancellationToken);
        // As the call log's grid does when another call arrives: the button is disposed while GLPI is still answering.
        await DisposeComponentsAsync();
        _glpi.AnswerTicket();

        var call = await Eventually.FoundAsync("the retried call created", () =>
        {
            using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
            return Task.FromResult(db.BridgeCalls.AsNoTracking().SingleOrDefault(c => c.Id == _callId && c.Status == CallStatus.Created));
        });
        Assert.Equal((OpenedTicket, (DateTime?)null), (call.TicketId, call.LeaseUntil));
        var entry = Services.AuditTrail().Single(e => e.Action == AuditActions.BridgeCallRetried);
        Assert.Equal(("otto.operator", AuditResult.Success), (entry.Actor, entry.Result));
    }

    [Fact]
    public void ACallSentElsewhere_ShowsItsTicket_WithoutReload_WhenTheChangeFeedTellsOfIt()
    {
        SignInAndSeed("vera.viewer", PortalRole.Viewer);
        var page = RenderPage(_callId);
        Assert.Empty(page.FindAll($"a[aria-label='GLPI ticket {OpenedTicket}']"));

        using (var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext())
        {
            db.BridgeCalls.Single(c => c.Id == _callId).MarkCreated(OpenedTicket, 40, DateTime.UtcNow);
            db.SaveChanges();
        }

        Services.GetRequiredService<ChangeFeed>().Publish(ChangeKind.ChatOpsCall);

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"a[aria-label='GLPI ticket {OpenedTicket}']")));
        Assert.Empty(page.FindAll("[aria-label='Error']"));
    }

    [Fact]
    public async Task AnAuditWrite_DoesNotReadThePageAgain_ButAChangedCallDoes()
    {
        Services.AddSingleton<IChangeFeed>(provider => new CountingFeed(provider.GetRequiredService<ChangeFeed>()));
        // The sender's outcome waiters follow ChatOps calls too: on the real feed, so that only the page's notices count.
        Services.AddSingleton(provider => new BridgeCallOutcomes(provider.GetRequiredService<ChangeFeed>()));
        SignInAndSeed("vera.viewer", PortalRole.Viewer);
        RenderPage(_callId);
        var feed = Services.GetRequiredService<ChangeFeed>();
        var toPage = (CountingFeed)Services.GetRequiredService<IChangeFeed>();
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Subscribed after the page: the feed tells its subscribers in order, so the page has had the notice when this has.
        using var after = feed.Subscribe(ChangeKind.AuditEntry, _ => told.TrySetResult());

        feed.Publish(ChangeKind.AuditEntry);
        await told.Task.WaitAsync(Eventually.DefaultDeadline, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(0, toPage.Notices);
        feed.Publish(ChangeKind.ChatOpsCall);
        await Eventually.TrueAsync("the page told of the changed call", () => toPage.Notices == 1);
    }

    [Fact]
    public void ARefusedRetry_ListsItsDeniedAuditEntry_WithoutAnAuditNotice()
    {
        // The Retry button shows (Operator policy) but the person holds the Viewer role only, as after a role change.
        SignInAndSeed("vera.viewer", PortalRole.Viewer).SetPolicies(PortalPolicies.Viewer, PortalPolicies.Operator);
        var page = RenderPage(_callId);

        page.Find($"button[aria-label='Retry call {_callId}']").Click();

        var entry = Services.AuditTrail().Single(e => e.Action == AuditActions.BridgeCallRetried);
        Assert.Equal(("vera.viewer", AuditResult.Denied), (entry.Actor, entry.Result));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[aria-label='Audit entries about the call'] a"), a => a.GetAttribute("href") == $"/audit/{entry.Id}"));
        Assert.Contains("Operator role required", page.Find("[aria-label='Audit entries about the call']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuditedDifference_ReadsAsSentences_AsEverywhereElseInThePortal()
    {
        SignInAndSeed("vera.viewer", PortalRole.Viewer);
        await Services.GetRequiredService<IAuditLog>().WriteAsync(new AuditRecord(Actor.User("otto.operator"), AuditActions.BridgeCallRetried,
            ChatOpsService.CallObjectType, _callId.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditResult.Success,
            """{"state":{"before":"Failed","after":"Created"}}"""), Xunit.TestContext.Current.CancellationToken);

        var page = RenderPage(_callId);

        Assert.Equal("changed State from Failed to Created", page.Find("[aria-label='Audit entries about the call'] [aria-label='Changes'] div").TextContent);
    }

    [Fact]
    public void AnUnknownCall_SaysThereIsNoSuchCall()
    {
        SignInAndSeed("vera.viewer", PortalRole.Viewer);

        var page = RenderPage(_callId + 1000);

        Assert.Contains("There is no such ChatOps call", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[aria-label='What arrived']"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    /// <summary>The real change feed, counting the notices it hands to the subscriptions made through it (the page's).</summary>
    private sealed class CountingFeed(ChangeFeed feed) : IChangeFeed
    {
        private int _notices;

        public int Notices => Volatile.Read(ref _notices);

        public void Publish(ChangeKind kinds) => feed.Publish(kinds);

        public IDisposable Subscribe(ChangeKind kinds, Action<ChangeKind> changed) => feed.Subscribe(kinds, told =>
        {
            Interlocked.Increment(ref _notices);
            changed(told);
        });
    }

    /// <summary>
    /// GLPI as its contract answers a retry: a session, no earlier ticket for the post, the new ticket's id. After
    /// <see cref="HoldTicket"/>, the ticket's answer waits for <see cref="AnswerTicket"/> (or the request's cancellation).
    /// </summary>
    private sealed class OpensTickets : HttpMessageHandler
    {
        private TaskCompletionSource? _held;

        public TaskCompletionSource TicketAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void HoldTicket() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void AnswerTicket() => _held?.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path.EndsWith("/Ticket", StringComparison.Ordinal))
            {
                TicketAsked.TrySetResult();
                if (_held is { } held)
                {
                    await held.Task.WaitAsync(cancellationToken);
                }
            }

            var body = path.EndsWith("/initSession", StringComparison.Ordinal) ? """{"session_token":"s-1"}"""
                : path.EndsWith("/search/Ticket", StringComparison.Ordinal) ? """{"totalcount":0,"count":0}"""
                : path.EndsWith("/Ticket", StringComparison.Ordinal) ? $$"""{"id":{{OpenedTicket}},"message":"Item successfully added"}"""
                : "[]";
            return new HttpResponseMessage(path.EndsWith("/Ticket", StringComparison.Ordinal) ? HttpStatusCode.Created : HttpStatusCode.OK)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
        }
    }
}
