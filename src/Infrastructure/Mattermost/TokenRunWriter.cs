using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.Mattermost;
using Switchboard.Infrastructure.Changes;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>
/// Writes a batch of per-person results of a token run in one transaction: the encrypted token on the person, the
/// outcome row, and the run's counts so far. Batching keeps thousands of results from queueing on SQLite's writer.
/// </summary>
internal static class TokenRunWriter
{
    /// <returns>Who asked, on another instance, for the run to stop (null while nobody has).</returns>
    public static async Task<string?> WriteAsync(SwitchboardDbContext db, TokenRun run, IReadOnlyList<TokenResult> results, DateTime now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var store = PreparedCommand.Create(connection, transaction.GetDbTransaction(),
            """
            UPDATE "People" SET "MattermostTokenProtected" = @token, "MattermostTokenId" = @tokenId, "MattermostUserId" = @userId,
                "MattermostTokenCreatedAt" = @now, "MattermostTokenExpiresAt" = @expires, "UpdatedAt" = @now
            WHERE "Id" = @id
            """,
            "token", "tokenId", "userId", "now", "expires", "id");
        await using var outcome = PreparedCommand.Create(connection, transaction.GetDbTransaction(),
            """INSERT INTO "TokenOutcomes" ("RunId", "PersonId", "Username", "Kind", "Detail", "At") VALUES (@run, @person, @username, @kind, @detail, @at)""",
            "run", "person", "username", "kind", "detail", "at");
        foreach (var result in results)
        {
            if (result.ProtectedToken is not null)
            {
                store.Set(result.ProtectedToken, result.TokenId, result.MattermostUserId, now, result.ExpiresAt, result.Candidate.PersonId);
                await store.ExecuteNonQueryAsync(cancellationToken);
            }

            var row = TokenOutcome.Of(run.Id, result.Candidate.PersonId, result.Candidate.Username, result.Kind, result.Detail, now);
            outcome.Set(row.RunId, row.PersonId, row.Username, row.Kind.ToString(), row.Detail, row.At);
            await outcome.ExecuteNonQueryAsync(cancellationToken);
            run.Count(result.Kind);
        }

        await db.TokenRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Processed, run.Processed).SetProperty(r => r.Generated, run.Generated).SetProperty(r => r.Rotated, run.Rotated)
            .SetProperty(r => r.NotFound, run.NotFound).SetProperty(r => r.Failed, run.Failed), cancellationToken);
        var cancelRequestedBy = await db.TokenRuns.Where(r => r.Id == run.Id).Select(r => r.CancelRequestedBy).SingleAsync(cancellationToken);
        db.Touched(ChangeKind.TokenOutcome);
        await transaction.CommitAsync(cancellationToken);
        return cancelRequestedBy;
    }
}

/// <summary>What happened for one person; the token only in its encrypted form.</summary>
internal sealed record TokenResult(
    TokenCandidate Candidate, TokenOutcomeKind Kind, string? Detail, string? ProtectedToken = null, string? TokenId = null, string? MattermostUserId = null,
    DateTime? ExpiresAt = null);
