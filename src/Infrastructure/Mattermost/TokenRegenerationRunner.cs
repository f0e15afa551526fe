using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Audit;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// Gives every person the <see cref="TokenEligibilityRule"/> admits a Mattermost access token: creates one where none is stored,
/// rotates one that has expired or is about to, with bounded concurrency. Runs only inside <see cref="TokenRegenerationJob"/>
/// (so one at a time, and Run now is the job handle's, from the tokens page and the Background jobs page alike);
/// a run can be cancelled and keeps what it did. Tokens are stored encrypted and never logged.
/// </summary>
public sealed partial class TokenRegenerationRunner(
    IServiceScopeFactory scopes,
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    IDataProtectionProvider protection,
    IOptions<MattermostOptions> options,
    JobRegistry jobs,
    TimeProvider time,
    SwitchboardMetrics metrics,
    ILogger<TokenRegenerationRunner> logger)
{
    public const string ProtectorPurpose = "Switchboard.Mattermost.AccessToken";
    private const int WriteBatch = 200;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _cancel;
    private TokenRunStarted? _current;
    private TaskCompletionSource<TokenRunStarted> _next = NewStart();
    private Actor? _startAudit;

    /// <summary>Raised (from the run's threads) whenever <see cref="Progress"/> changes or a run ends.</summary>
    public event Action? Changed;

    public TokenRunProgress? Progress { get; private set; }

    /// <summary>The last run that ended (its status, reason and counts), set before <see cref="Progress"/> goes back to null.</summary>
    public TokenRun? LastFinished { get; private set; }

    /// <summary>Asks the token job to run now (its job handle), or answers the run already going; returns the run's id once it started.</summary>
    public Task<long> StartAsync(string triggeredBy, CancellationToken cancellationToken) =>
        IdOfStartAsync(stop => BeginAsync(triggeredBy, audited: null, stop), cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(string, CancellationToken)"/> for a person: a run that starts for them is stored together
    /// with its <see cref="AuditActions.TokenRunStarted"/> entry, in one transaction; the run already going is not audited again.
    /// </summary>
    public Task<long> StartAsync(Actor actor, CancellationToken cancellationToken) =>
        IdOfStartAsync(stop => BeginAsync(actor.Name, actor, stop), cancellationToken);

    /// <summary>As <see cref="StartAsync(string, CancellationToken)"/>, then waits for the run to end.</summary>
    public async Task<TokenRun> RunAsync(string triggeredBy, CancellationToken cancellationToken) =>
        await (await BeginAsync(triggeredBy, audited: null, cancellationToken)).Finished.WaitAsync(cancellationToken);

    /// <summary>
    /// The id of the run that answers the request: this instance's, or, when another instance holds the token job
    /// (several instances on one database), the run stored as running there.
    /// </summary>
    private async Task<long> IdOfStartAsync(Func<CancellationToken, Task<TokenRunStarted>> begin, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var here = begin(stop.Token);
        var elsewhere = RunningRunAsync(stop.Token);
        var first = await Task.WhenAny(here, elsewhere);
        await stop.CancelAsync();
        return first == here ? (await here).Id : await elsewhere;
    }

    private async Task<long> RunningRunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await StoredRunAsync(cancellationToken) is { } running)
            {
                return running.RunId;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }
    }

    /// <summary>The run stored as running (on this instance or another), as its instance last stored it; null when none runs.</summary>
    public async Task<TokenRunProgress?> StoredRunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.TokenRuns.AsNoTracking().Where(r => r.Status == TokenRunStatus.Running).OrderByDescending(r => r.Id)
            .Select(r => new TokenRunProgress(r.Id, r.TriggeredBy, r.StartedAt, r.Planned, r.Processed, r.Generated, r.Rotated, r.NotFound, r.Failed, r.CancelRequestedBy != null))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private Task<TokenRunStarted> BeginAsync(string triggeredBy, Actor? audited, CancellationToken cancellationToken)
    {
        Task<TokenRunStarted> next;
        lock (_lock)
        {
            if (_current is { Finished.IsCompleted: false } current)
            {
                return Task.FromResult(current);
            }

            next = _next.Task;
            _startAudit ??= audited;
        }

        var job = jobs.Find(TokenRegenerationJob.Name)
            ?? throw new InvalidOperationException($"The {TokenRegenerationJob.Name} job is not running, so no run can start.");
        job.RequestRun(triggeredBy);
        return next.WaitAsync(cancellationToken);
    }

    /// <summary>Asks the running run to stop; what it did so far is kept.</summary>
    public bool Cancel()
    {
        if (_cancel is not { } cancel || Progress is null)
        {
            return false;
        }

        Progress = Progress with { Cancelling = true };
        cancel.Cancel();
        Changed?.Invoke();
        return true;
    }

    /// <summary>Who the next run would touch and what it would do; calls nothing that changes Mattermost.</summary>
    public async Task<IReadOnlyList<TokenCandidate>> PreviewAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await CandidatesAsync(db, cancellationToken);
    }

    /// <summary>One run to its end; only <see cref="TokenRegenerationJob"/> calls this, one run at a time.</summary>
    internal async Task<TokenRun> ExecuteAsync(string triggeredBy, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _cancel = cancel;
        var finished = new TaskCompletionSource<TokenRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
        var run = TokenRun.Start(triggeredBy, Now);
        try
        {
            await StoreStartAsync(db, run);
        }
        catch (Exception ex)
        {
            // Nothing was stored (the run and its audit entry commit together); whoever waits for the start hears why.
            _cancel = null;
            FailStart(ex);
            throw;
        }

        try
        {
            Progress = new TokenRunProgress(run.Id, triggeredBy, run.StartedAt, 0, 0, 0, 0, 0, 0, false);
            Announce(new TokenRunStarted(run.Id, finished.Task));
            Changed?.Invoke();
            await using var scope = scopes.CreateAsyncScope();
            var client = scope.ServiceProvider.GetRequiredService<MattermostClient>();
            var check = await client.CheckAsync(cancel.Token);
            if (!check.Usable)
            {
                LogSkipped(logger, check.Problem!);
                run.Finish(TokenRunStatus.Skipped, check.Problem, Now);
                return run;
            }

            var takenUp = await EndStoppedRunsAsync(db, run, cancel.Token);
            var candidates = await CandidatesAsync(db, cancel.Token);
            var keep = candidates.Count(c => c.Action == TokenAction.Keep);
            run.SetAlreadyValid(keep);
            LogAlreadyHaveToken(logger, keep);
            var todo = candidates.Where(c => c.Action is TokenAction.Create or TokenAction.Rotate).ToList();
            run.Plan(todo.Count);
            await db.TokenRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.Planned, run.Planned), cancel.Token);
            Progress = Progress with { Total = todo.Count };
            Changed?.Invoke();
            var disabled = await ProcessAsync(db, run, client, todo, takenUp, cancel);
            var status = disabled ? TokenRunStatus.Skipped : cancel.IsCancellationRequested ? TokenRunStatus.Cancelled : TokenRunStatus.Succeeded;
            run.Finish(status, disabled ? MattermostClient.TokensDisabledReason : status == TokenRunStatus.Cancelled ? "cancelled" : null, Now);
            LogSummary(logger, run.Processed, run.Generated, run.Rotated, run.AlreadyValid, run.NotFound, run.Failed);
            return run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || cancel.IsCancellationRequested)
        {
            LogRunFailed(logger, ex);
            run.Finish(cancel.IsCancellationRequested ? TokenRunStatus.Cancelled : TokenRunStatus.Failed, ex.Message, Now);
            return run;
        }
        finally
        {
            db.TokenRuns.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
            Announce(new TokenRunStarted(run.Id, finished.Task));
            LastFinished = run;
            Progress = null;
            _cancel = null;
            finished.TrySetResult(run);
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// Ends the runs still stored as running: this run holds the job's lock (one run at a time across instances), so
    /// their instances stopped before they ended (decision 0009). Their people who have a stored token are done; the
    /// others are in this run's to-do list.
    /// </summary>
    /// <returns>Whether there were such runs: tokens they created but never stored are then looked for and revoked.</returns>
    private async Task<bool> EndStoppedRunsAsync(SwitchboardDbContext db, TokenRun run, CancellationToken cancellationToken)
    {
        var reason = $"its instance stopped before the run ended; run {run.Id.ToString(CultureInfo.InvariantCulture)} took the work up";
        var now = Now;
        var stopped = await db.TokenRuns.Where(r => r.Status == TokenRunStatus.Running && r.Id != run.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, TokenRunStatus.Failed).SetProperty(r => r.Reason, reason).SetProperty(r => r.FinishedAt, now),
                cancellationToken);
        if (stopped > 0)
        {
            LogTakingUp(logger, stopped);
        }

        return stopped > 0;
    }

    /// <summary>Stores the run; when a person asked for it, with its audit entry in the same transaction (the entry names the run's id).</summary>
    private async Task StoreStartAsync(SwitchboardDbContext db, TokenRun run)
    {
        Actor? audited;
        lock (_lock)
        {
            (audited, _startAudit) = (_startAudit, null);
        }

        db.TokenRuns.Add(run);
        if (audited is null)
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        db.Audit(new AuditRecord(audited, AuditActions.TokenRunStarted, "token-run", run.Id.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Tells those waiting for the next run that it could not start.</summary>
    private void FailStart(Exception reason)
    {
        TaskCompletionSource<TokenRunStarted> waiting;
        lock (_lock)
        {
            waiting = _next;
            _next = NewStart();
        }

        waiting.TrySetException(reason);
    }

    /// <summary>Tells those waiting for the next run that it started (once per run; a second call for the same run does nothing).</summary>
    private void Announce(TokenRunStarted started)
    {
        TaskCompletionSource<TokenRunStarted> waiting;
        lock (_lock)
        {
            if (_current?.Finished == started.Finished)
            {
                return;
            }

            _current = started;
            waiting = _next;
            _next = NewStart();
        }

        waiting.TrySetResult(started);
    }

    private static TaskCompletionSource<TokenRunStarted> NewStart() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <returns>True when the server refused to create tokens because user access tokens are switched off.</returns>
    /// <remarks>
    /// The first token is created alone (<see cref="FirstCallGate"/>): when the server has user access tokens switched
    /// off, that one call says so and the run stops, instead of every person in flight asking again.
    /// </remarks>
    /// <param name="takingUp">A stopped run is taken up: before creating a person's token, revoke any token a stopped run created but never stored.</param>
    private async Task<bool> ProcessAsync(
        SwitchboardDbContext db, TokenRun run, MattermostClient client, List<TokenCandidate> todo, bool takingUp, CancellationTokenSource cancel)
    {
        var protector = protection.CreateProtector(ProtectorPurpose);
        var settings = options.Value;
        var results = Channel.CreateBounded<TokenResult>(new BoundedChannelOptions(WriteBatch * 4) { SingleReader = true });
        var disabled = false;
        using var firstCreate = new FirstCallGate();
        var writing = WriteResultsAsync(db, run, results.Reader, cancel);
        try
        {
            await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancel.Token },
                async (candidate, cancellationToken) =>
                {
                    try
                    {
                        var result = await ProcessOneAsync(client, protector, firstCreate, candidate, takingUp, cancellationToken);
                        await results.Writer.WriteAsync(result, CancellationToken.None);
                    }
                    catch (MattermostApiException off) when (off.TokensDisabled)
                    {
                        LogTokensDisabled(logger);
                        disabled = true;
                        await cancel.CancelAsync();
                    }
                });
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Cancelled by a person or because tokens are disabled: what was done is written below.
        }
        finally
        {
            results.Writer.Complete();
            await writing;
        }

        return disabled;
    }

    /// <exception cref="MattermostApiException">Only when user access tokens are disabled on the server (the whole run stops).</exception>
    private async Task<TokenResult> ProcessOneAsync(
        MattermostClient client, IDataProtector protector, FirstCallGate firstCreate, TokenCandidate candidate, bool takingUp, CancellationToken cancellationToken)
    {
        try
        {
            var user = await client.FindUserAsync(candidate.Username, candidate.Email, cancellationToken);
            if (user is null)
            {
                LogNotFound(logger, candidate.Username);
                return new TokenResult(candidate, TokenOutcomeKind.NotFound, "no Mattermost user with this username or e-mail");
            }

            var lost = takingUp ? await RevokeLostTokensAsync(client, user.Id, candidate.TokenId, cancellationToken) : 0;

            var first = await firstCreate.EnterAsync(cancellationToken);
            CreatedToken created;
            try
            {
                created = await client.CreateSwitchboardTokenAsync(user.Id, cancellationToken);
                firstCreate.Leave(first, passed: true);
            }
            catch (MattermostApiException off) when (off.TokensDisabled)
            {
                throw; // the gate stays shut: the run is being stopped
            }
            catch
            {
                firstCreate.Leave(first, passed: false);
                throw;
            }

            string? note = null;
            if (candidate.Action == TokenAction.Rotate && candidate.TokenId is { } old)
            {
                try
                {
                    await client.RevokeTokenAsync(old, cancellationToken);
                }
                catch (MattermostApiException revokeFailed)
                {
                    // The new token is stored all the same; an old one Mattermost still holds expires on its own.
                    note = revokeFailed.StatusCode == 404 ? "the old token was already gone" : $"the old token could not be revoked: {revokeFailed.Message}";
                }
            }

            if (lost > 0)
            {
                note = $"{(note is null ? "" : note + "; ")}revoked {lost} token(s) a stopped run created but never stored";
            }

            LogGenerated(logger, candidate.Username, candidate.Action == TokenAction.Rotate ? "rotated" : "generated");
            return new TokenResult(candidate, candidate.Action == TokenAction.Rotate ? TokenOutcomeKind.Rotated : TokenOutcomeKind.Generated, note,
                protector.Protect(created.Token), created.Id, user.Id, created.ExpiresAt);
        }
        catch (MattermostApiException failed) when (!failed.TokensDisabled)
        {
            LogPersonFailed(logger, candidate.Username, failed.Message);
            return new TokenResult(candidate, TokenOutcomeKind.Failed, failed.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogPersonFailed(logger, candidate.Username, ex.Message);
            return new TokenResult(candidate, TokenOutcomeKind.Failed, $"Mattermost could not be reached: {ex.Message}");
        }
    }

    /// <summary>
    /// Revokes the user's Switchboard tokens other than the stored one: those a run created and could not store because
    /// its instance died between Mattermost's answer and the write (the token itself is never listed, so it cannot be kept).
    /// </summary>
    private static async Task<int> RevokeLostTokensAsync(MattermostClient client, string userId, string? storedTokenId, CancellationToken cancellationToken)
    {
        var lost = (await client.SwitchboardTokenIdsAsync(userId, cancellationToken)).Where(id => id != storedTokenId).ToList();
        foreach (var tokenId in lost)
        {
            await client.RevokeTokenAsync(tokenId, cancellationToken);
        }

        return lost.Count;
    }

    private async Task WriteResultsAsync(SwitchboardDbContext db, TokenRun run, ChannelReader<TokenResult> reader, CancellationTokenSource cancel)
    {
        var batch = new List<TokenResult>(WriteBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < WriteBatch && reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            if (await TokenRunWriter.WriteAsync(db, run, batch, Now, CancellationToken.None) is { } cancelledBy && !cancel.IsCancellationRequested)
            {
                LogCancelledElsewhere(logger, run.Id);
                run.RequestCancel(cancelledBy); // the run is stored whole when it ends
                Cancel();
            }

            foreach (var result in batch)
            {
                metrics.TokenOutcome(result.Kind);
            }

            batch.Clear();
            Progress = Progress! with
            {
                Done = run.Processed,
                Generated = run.Generated,
                Rotated = run.Rotated,
                NotFound = run.NotFound,
                Failed = run.Failed,
            };
            Changed?.Invoke();
        }
    }

    /// <summary>Everyone with sync on who is not deleted (as the people grid lists them): what a run does for each, and why.</summary>
    private async Task<List<TokenCandidate>> CandidatesAsync(SwitchboardDbContext db, CancellationToken cancellationToken)
    {
        var now = Now;
        var settings = options.Value;
        var rule = settings.Eligibility;
        var people = await db.People.AsNoTracking().Where(p => p.MattermostSyncEnabled && !p.Deleted).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Username, p.Email, p.Disabled, p.State, HasToken = p.MattermostTokenProtected != null, p.MattermostTokenId, p.MattermostTokenExpiresAt })
            .ToListAsync(cancellationToken);
        return people.Select(p =>
        {
            var why = rule.Check(syncEnabled: true, p.Disabled, deleted: false, p.State);
            if (why != TokenIneligibility.None)
            {
                return new TokenCandidate(p.Id, p.Username, p.Email, p.MattermostTokenId, p.MattermostTokenExpiresAt, TokenAction.Skip,
                    $"not eligible: {TokenEligibilityRule.Describe(why, p.State)}");
            }

            var action = TokenPlan.For(p.HasToken, p.MattermostTokenExpiresAt, now, settings.RotateWithin);
            return new TokenCandidate(p.Id, p.Username, p.Email, p.MattermostTokenId, p.MattermostTokenExpiresAt, action, TokenPlan.Reason(action, p.MattermostTokenExpiresAt, now));
        }).ToList();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] run skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "[Mattermost] {Count} people already have a valid token")]
    private static partial void LogAlreadyHaveToken(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "[Mattermost] {Username}: no user with this username or e-mail")]
    private static partial void LogNotFound(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Information, Message = "[Mattermost] {Username}: token {What}")]
    private static partial void LogGenerated(ILogger logger, string username, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] {Username}: failed: {Error}")]
    private static partial void LogPersonFailed(ILogger logger, string username, string error);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "[Mattermost] processed {Processed}: generated {Generated}, rotated {Rotated}, already had a valid token {AlreadyValid}, not found {NotFound}, failed {Failed}")]
    private static partial void LogSummary(ILogger logger, int processed, int generated, int rotated, int alreadyValid, int notFound, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] user access tokens are disabled on the server: the run stops, nobody gets a token")]
    private static partial void LogTokensDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[Mattermost] taking up the work of {Count} run(s) whose instance stopped before they ended")]
    private static partial void LogTakingUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token run {RunId} stops: cancelled from another instance")]
    private static partial void LogCancelledElsewhere(ILogger logger, long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "[Mattermost] the run failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
