using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.ApiKeys;
using Switchboard.Portal.Features.Jobs;
using Switchboard.Portal.Features.People;

namespace Switchboard.IntegrationTests.Access;

/// <summary>The services refuse what a role may not do, whatever the UI shows, and the refusal is audited.</summary>
public sealed class ServerSideAuthorizationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateApiKey_AsViewer_IsRefusedAndAudited()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => keys.CreateAsync(
            TestPeople.Viewer, new CreateApiKeyRequest { Name = "sneaky", Scopes = [ApiKeyScopes.ConfigWrite] }, Ct));

        Assert.Equal("This needs the Admin role.", denied.Message);
        await using var db = await portal.DbAsync();
        Assert.False(await db.ApiKeys.AnyAsync(k => k.Name == "sneaky", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(
            e => e.Actor == "vera.viewer" && e.Action == AuditActions.ApiKeyCreated && e.Result == AuditResult.Denied, Ct));
    }

    [Fact]
    public async Task CreateApiKey_WithoutScopes_IsRefusedByValidation()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();

        var invalid = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => keys.CreateAsync(
            TestPeople.Admin, new CreateApiKeyRequest { Name = "no scopes" }, Ct));

        Assert.Contains(invalid.Errors, e => e.PropertyName == nameof(CreateApiKeyRequest.Scopes));
    }

    [Fact]
    public async Task PauseJob_AsOperator_IsRefused_AsAdmin_IsStoredAndAudited()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<BackgroundJobsService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => jobs.SetPausedAsync(TestPeople.Operator, DatabaseMaintenanceJob.Name, true, Ct));
        await jobs.SetPausedAsync(TestPeople.Admin, DatabaseMaintenanceJob.Name, true, Ct);

        var status = (await jobs.ListAsync(Ct)).Single(j => j.Name == DatabaseMaintenanceJob.Name);
        Assert.True(status.Paused);
        Assert.Equal("ada.admin", status.PausedBy);
        await using var db = await portal.DbAsync();
        Assert.True((await db.JobSettings.SingleAsync(s => s.JobName == DatabaseMaintenanceJob.Name, Ct)).Paused);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.JobPaused && e.Result == AuditResult.Success, Ct));

        await jobs.SetPausedAsync(TestPeople.Admin, DatabaseMaintenanceJob.Name, false, Ct);
        Assert.False((await jobs.ListAsync(Ct)).Single(j => j.Name == DatabaseMaintenanceJob.Name).Paused);
    }

    [Fact]
    public async Task RunJobNow_AsViewer_IsRefused_AsOperator_IsAudited()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<BackgroundJobsService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => jobs.RunNowAsync(TestPeople.Viewer, DatabaseMaintenanceJob.Name, Ct));
        await jobs.RunNowAsync(TestPeople.Operator, DatabaseMaintenanceJob.Name, Ct);

        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(
            e => e.Actor == "otto.operator" && e.Action == AuditActions.JobRunRequested && e.Result == AuditResult.Success, Ct));
    }

    [Fact]
    public async Task SavePerson_AsViewer_IsRefusedAndAudited_AndNothingIsStored()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<PeopleService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => people.SaveAsync(TestPeople.Viewer, new PersonDraft { Username = "viewer.made" }, Ct));

        await using var db = await portal.DbAsync();
        Assert.False(await db.People.AnyAsync(p => p.UsernameKey == "viewer.made", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Actor == "vera.viewer" && e.ObjectId == "viewer.made" && e.Result == AuditResult.Denied, Ct));
    }

}
