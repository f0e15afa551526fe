using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Telemetry;

namespace Switchboard.Infrastructure.Email;

/// <summary>
/// One run of the outbox sender, over one mail session: due messages are claimed in chunks (<see cref="OutboxStore.ClaimAsync"/>),
/// sent one by one, and their outcomes stored. The database's work overlaps the sending: while a chunk goes out, the
/// previous chunk's outcomes are stored and then the next chunk is claimed, in that order, so a claim never runs before
/// the outcomes it could concern are stored. Whatever stops the run (cancellation, a database error), every message it
/// holds is settled on the way out: attempted ones keep their outcome, unattempted ones are released for the next run.
/// </summary>
internal sealed partial class OutboxDelivery(
    IDbContextFactory<SwitchboardDbContext> contexts, IMailSender mail, SmtpOptions settings, SwitchboardMetrics metrics, TimeProvider time, ILogger logger)
{
    public const int ChunkSize = 500;

    public int Sent { get; private set; }

    public int Failed { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var chunk = await ClaimAsync(cancellationToken);
        if (chunk.Count == 0)
        {
            return;
        }

        IMailSession session;
        try
        {
            session = await mail.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The server could not be reached: every claimed message waits for its next attempt.
            LogUnreachable(logger, ex.Message);
            foreach (var message in chunk)
            {
                Record(message, reply: null, $"mail server unreachable: {ex.Message}");
            }

            await StoreAsync(chunk);
            return;
        }
        catch (OperationCanceledException)
        {
            await SettleAsync(chunk);
            throw;
        }

        await using (session)
        {
            await SendChunksAsync(session, chunk, cancellationToken);
        }
    }

    private async Task SendChunksAsync(IMailSession session, List<OutboxMessage> first, CancellationToken cancellationToken)
    {
        var chunk = first.ConvertAll(session.Prepare);
        List<OutboxMessage> previous = []; // sent, outcomes not stored yet
        Task<List<IPreparedMail>>? ahead = null;
        try
        {
            while (true)
            {
                // SQLite's driver works synchronously under its async methods: the database's work gets a thread of its own.
                var done = previous;
                ahead = Task.Run(() => StoreThenClaimAsync(done, session, cancellationToken), CancellationToken.None);
                await SendAsync(session, chunk, cancellationToken);
                var next = await ahead;
                (ahead, previous, chunk) = (null, MessagesOf(chunk), next);
                if (chunk.Count == 0 || previous.TrueForAll(m => m.Status != MessageStatus.Sent))
                {
                    break; // all sent; or nothing in this chunk went out: the server is refusing, the rest wait for their next attempt
                }
            }

            await StoreAsync(previous);
            previous = [];
            await SettleAsync(MessagesOf(chunk));
        }
        catch (Exception)
        {
            // The run stops early: store what is attempted, release what is not, including the chunk claimed ahead.
            var held = MessagesOf(chunk);
            if (ahead is not null && await CompletesAsync(ahead))
            {
                held.AddRange(MessagesOf(ahead.Result));
            }
            else
            {
                held.AddRange(previous);
            }

            try
            {
                await SettleAsync(held);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is failing too: the leases run out and the messages are claimed again (at least once).
                LogSettleFailed(logger, ex, held.Count);
            }

            throw;
        }
    }

    /// <summary>
    /// The database's part of one step, while a chunk is being sent: the previous chunk's outcomes are stored, then the next
    /// chunk is claimed (never before: a claim must not re-take a message whose outcome is not stored) and prepared.
    /// </summary>
    private async Task<List<IPreparedMail>> StoreThenClaimAsync(List<OutboxMessage> previous, IMailSession session, CancellationToken cancellationToken)
    {
        await StoreAsync(previous);
        return (await ClaimAsync(cancellationToken)).ConvertAll(session.Prepare);
    }

    private async Task SendAsync(IMailSession session, List<IPreparedMail> chunk, CancellationToken cancellationToken)
    {
        foreach (var mail in chunk)
        {
            try
            {
                Record(mail.Message, await session.SendAsync(mail, cancellationToken), error: null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Record(mail.Message, reply: null, ex.Message);
            }
        }
    }

    private void Record(OutboxMessage message, string? reply, string? error)
    {
        if (error is null)
        {
            message.MarkSent(reply, Now);
            Sent++;
        }
        else
        {
            message.MarkFailed(error, Now, settings.Retries);
            Failed++;
        }

        metrics.MessageDelivered(message.Status switch { MessageStatus.Sent => "sent", MessageStatus.Dead => "dead", _ => "failed" });
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OutboxStore.ClaimAsync(db, Now, settings.Lease, ChunkSize, cancellationToken);
    }

    // Outcomes are written even when the run is being cancelled: a message that went out stays sent.
    private async Task StoreAsync(List<OutboxMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await OutboxStore.SaveOutcomesAsync(db, messages, CancellationToken.None);
    }

    /// <summary>Stores the outcomes of the attempted messages and releases the unattempted ones.</summary>
    private async Task SettleAsync(List<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            message.Release();
        }

        await StoreAsync(messages);
    }

    private static List<OutboxMessage> MessagesOf(List<IPreparedMail> chunk) => chunk.ConvertAll(m => m.Message);

    private static async Task<bool> CompletesAsync(Task task)
    {
        try
        {
            await task;
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server could not be reached ({Error}); queued messages wait for their next attempt")]
    private static partial void LogUnreachable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing the outcomes of {Count} messages of a stopped run failed; they are taken again when their lease runs out")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, int count);
}
