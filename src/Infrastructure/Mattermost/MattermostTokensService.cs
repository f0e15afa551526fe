using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Mattermost;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>The Mattermost tokens page and API: status, runs (start, cancel, preview, history) and per-person actions, authorised and audited.</summary>
public sealed class MattermostTokensService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    TokenRegenerationRunner runner,
    MattermostClient client,
    PersonTokens personTokens,
    JobRegistry jobs,
    AccessGuard guard,
    IAuditLog audit,
    Microsoft.Extensions.Options.IOptions<MattermostOptions> options)
{
    public async Task<IntegrationStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var check = await client.CheckAsync(cancellationToken);
        var job = jobs.Find(TokenRegenerationJob.Name)?.Status;
        return new IntegrationStatus(settings.Enabled, settings.Configured, check.Usable, check.Problem, check.ServerVersion,
            job?.Schedule ?? "", job?.NextRunAt, job?.Paused ?? false, job?.PausedBy);
    }

    /// <summary>Starts a run (Operator or <c>jobs:run</c>), stored with its audit entry, or answers the one already running.</summary>
    public async Task<long> StartRunAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.TokenRunStarted, "job", TokenRegenerationJob.Name, cancellationToken);
        return await runner.StartAsync(actor, cancellationToken);
    }

    /// <summary>The run going now: this instance's as it goes, or another instance's as that instance last stored it; null when none runs.</summary>
    public async Task<TokenRunProgress?> ProgressAsync(CancellationToken cancellationToken) =>
        runner.Progress ?? await runner.StoredRunAsync(cancellationToken);

    /// <summary>
    /// Stops the running run, from whichever instance: this instance's at once; another instance's by storing the request
    /// (with its audit entry, in one transaction), which that run reads at its next write and stops.
    /// </summary>
    public async Task<bool> CancelRunAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var running = await ProgressAsync(cancellationToken);
        var id = running?.RunId.ToString(CultureInfo.InvariantCulture);
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.TokenRunCancelled, "token-run", id, cancellationToken);
        if (running is null)
        {
            return false;
        }

        if (runner.Progress?.RunId == running.RunId)
        {
            var cancelled = runner.Cancel();
            if (cancelled)
            {
                await audit.WriteAsync(new AuditRecord(actor, AuditActions.TokenRunCancelled, "token-run", id), cancellationToken);
            }

            return cancelled;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.TokenRuns.SingleOrDefaultAsync(r => r.Id == running.RunId && r.Status == TokenRunStatus.Running && r.CancelRequestedBy == null, cancellationToken);
        if (run is null)
        {
            return false;
        }

        run.RequestCancel(actor.Name);
        db.Audit(new AuditRecord(actor, AuditActions.TokenRunCancelled, "token-run", id));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task<IReadOnlyList<TokenCandidate>> PreviewAsync(CancellationToken cancellationToken) => runner.PreviewAsync(cancellationToken);

    /// <summary>Why the eligibility rule gives this person no token, in words; null when it gives them one.</summary>
    public string? NotEligibleBecause(bool syncEnabled, bool disabled, bool deleted, string? state) =>
        options.Value.Eligibility.Check(syncEnabled, disabled, deleted, state) is not TokenIneligibility.None and var why
            ? TokenEligibilityRule.Describe(why, state)
            : null;

    /// <summary>The leaver states in force (<c>Mattermost:LeaverStates</c>), for the page's explanation.</summary>
    public IReadOnlyList<string> LeaverStates => options.Value.Eligibility.LeaverStates;

    public async Task<string> RegenerateAsync(ClaimsPrincipal caller, string username, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.MattermostTokenRegenerated, "person", username, cancellationToken);
        return await personTokens.RegenerateAsync(await PersonIdAsync(username, cancellationToken), actor, cancellationToken);
    }

    public async Task<string> RevokeAsync(ClaimsPrincipal caller, string username, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Operator, ApiKeyScopes.JobsRun, AuditActions.MattermostTokenRevoked, "person", username, cancellationToken);
        return await personTokens.RevokeAsync(await PersonIdAsync(username, cancellationToken), actor, cancellationToken);
    }

    private async Task<int> PersonIdAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = Domain.People.Person.KeyOf(username);
        return await db.People.Where(p => p.UsernameKey == key).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no person '{username}'.");
    }

    public async Task<Paged<TokenPersonRow>> PeopleAsync(bool? hasToken, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var people = db.People.AsNoTracking().Where(p => p.MattermostSyncEnabled && !p.Deleted);
        if (hasToken is { } has)
        {
            people = people.Where(p => (p.MattermostTokenProtected != null) == has);
        }

        var total = await people.CountAsync(cancellationToken);
        var rows = await people.OrderBy(p => p.UsernameKey).Skip(page * pageSize).Take(pageSize)
            .Select(p => new
            {
                Row = new TokenPersonRow(p.Id, p.Username, p.Email, p.MattermostTokenProtected != null, p.MattermostTokenCreatedAt, p.MattermostTokenExpiresAt,
                    db.TokenOutcomes.Where(o => o.PersonId == p.Id).OrderByDescending(o => o.Id).Select(o => (TokenOutcomeKind?)o.Kind).FirstOrDefault(),
                    db.TokenOutcomes.Where(o => o.PersonId == p.Id).OrderByDescending(o => o.Id).Select(o => o.Detail).FirstOrDefault(), null),
                p.Disabled,
                p.State,
            })
            .ToListAsync(cancellationToken);
        return new Paged<TokenPersonRow>(
            rows.Select(r => r.Row with { NotEligibleBecause = NotEligibleBecause(syncEnabled: true, r.Disabled, deleted: false, r.State) }).ToList(), total);
    }

    public async Task<Paged<TokenRunRow>> RunsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.TokenRuns.CountAsync(cancellationToken);
        var rows = await db.TokenRuns.AsNoTracking().OrderByDescending(r => r.Id).Skip(page * pageSize).Take(pageSize)
            .Select(r => new TokenRunRow(r.Id, r.TriggeredBy, r.StartedAt, r.FinishedAt, r.Status, r.Reason, r.Processed, r.Generated, r.Rotated, r.AlreadyValid, r.NotFound, r.Failed))
            .ToListAsync(cancellationToken);
        return new Paged<TokenRunRow>(rows, total);
    }

    public async Task<TokenRunRow?> RunAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.TokenRuns.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new TokenRunRow(r.Id, r.TriggeredBy, r.StartedAt, r.FinishedAt, r.Status, r.Reason, r.Processed, r.Generated, r.Rotated, r.AlreadyValid, r.NotFound, r.Failed))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<Paged<TokenOutcomeRow>> OutcomesAsync(long runId, TokenOutcomeKind? kind, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var outcomes = db.TokenOutcomes.AsNoTracking().Where(o => o.RunId == runId);
        if (kind is { } wanted)
        {
            outcomes = outcomes.Where(o => o.Kind == wanted);
        }

        var total = await outcomes.CountAsync(cancellationToken);
        var rows = await outcomes.OrderBy(o => o.Id).Skip(page * pageSize).Take(pageSize)
            .Select(o => new TokenOutcomeRow(o.Id, o.Username, o.Kind, o.Detail, o.At)).ToListAsync(cancellationToken);
        return new Paged<TokenOutcomeRow>(rows, total);
    }
}
