using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Changes;

/// <summary>
/// The one place that publishes change notices: it notes which kinds of entity a <see cref="SwitchboardDbContext"/>
/// touches (tracked changes at <c>SaveChanges</c>, <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> by their table, and what a
/// prepared-SQL writer declares with <see cref="SwitchboardDbContext.Touched"/>) and publishes them on the
/// <see cref="IChangeFeed"/> once they are committed: when the transaction commits, or right away for a statement that
/// ran on its own. A rolled-back transaction publishes nothing.
/// </summary>
public sealed class ChangeNoticeInterceptor(IChangeFeed feed) : SaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private static readonly ConditionalWeakTable<IModel, Dictionary<string, ChangeKind>> KindsByTable = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PublishUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PublishUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => DiscardUnlessInTransaction(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DiscardUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Statement(command, eventData.Context, result);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Statement(command, eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    private static void Collect(DbContext? context)
    {
        if (context is not SwitchboardDbContext db)
        {
            return;
        }

        var kinds = ChangeKind.None;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                kinds |= EntityChangeKinds.Of(entry.Metadata.ClrType);
            }
        }

        db.Touched(kinds);
    }

    /// <summary>An <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> (one statement, no change tracker): its kind comes from its table.</summary>
    private void Statement(DbCommand command, DbContext? context, int rows)
    {
        if (rows <= 0 || context is not SwitchboardDbContext db || TableOf(command.CommandText) is not { } table)
        {
            return;
        }

        var kinds = KindsByTable.GetValue(db.Model, Tables).GetValueOrDefault(table);
        db.Touched(kinds);
        if (command.Transaction is null)
        {
            Publish(db);
        }
    }

    private static string? TableOf(string sql)
    {
        var rest = sql.AsSpan().TrimStart();
        if (rest.StartsWith("UPDATE ", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["UPDATE ".Length..];
        }
        else if (rest.StartsWith("DELETE FROM ", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["DELETE FROM ".Length..];
        }
        else
        {
            return null;
        }

        rest = rest.TrimStart().TrimStart('"');
        var end = rest.IndexOfAny('"', ' ', '\n');
        return end <= 0 ? null : rest[..end].ToString();
    }

    private static Dictionary<string, ChangeKind> Tables(IModel model) =>
        model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null)
            .GroupBy(t => t.GetTableName()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate(ChangeKind.None, (kinds, t) => kinds | EntityChangeKinds.Of(t.ClrType)), StringComparer.Ordinal);

    private void PublishUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Publish(context);
        }
    }

    private static void DiscardUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Discard(context);
        }
    }

    private void Publish(DbContext? context)
    {
        if (context is SwitchboardDbContext db)
        {
            feed.Publish(db.TakeTouched());
        }
    }

    private static void Discard(DbContext? context) => (context as SwitchboardDbContext)?.TakeTouched();
}
