using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Updates people the caller has read and checked, with prepared commands reused row after row, inside the writer's
/// transaction (the change tracker compiles a statement per row). A row's update sets only the columns whose value
/// changes (and when it was updated): a column that is set makes SQLite rewrite every index on it, changed or not, and
/// People has nine. One command is prepared per set of changed columns. A person's row is updated only while it is as
/// it was read (its <see cref="Person.UpdatedAt"/>): anyone else's change in between makes the whole batch fail, and the
/// caller goes the long way. Roles and extended attributes are rewritten only for people whose roles or attributes
/// change. Field values come from <see cref="Person.Apply"/>, so the domain decides what is stored.
/// </summary>
internal sealed class StoredPeopleUpdater(SwitchboardDbContext db)
{
    /// <returns>False when a person was changed by someone else since it was read (nothing may be committed then).</returns>
    public async Task<bool> UpdateAsync(
        IReadOnlyList<StoredPersonChange> changes, IReadOnlyDictionary<string, Role> roles, DateTime now, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Stored people are updated inside the directory writer's transaction.");
        var updates = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        await using var clearAttributes = PreparedCommand.Create(connection, transaction, """DELETE FROM "PersonAttributes" WHERE "PersonId" = @person""", "person");
        await using var attribute = PreparedCommand.Create(connection, transaction,
            """INSERT INTO "PersonAttributes" ("PersonId", "Code", "Value") VALUES (@person, @code, @value)""", "person", "code", "value");
        await using var clearRoles = PreparedCommand.Create(connection, transaction, """DELETE FROM "PersonRoles" WHERE "PersonId" = @person""", "person");
        await using var role = PreparedCommand.Create(connection, transaction,
            """INSERT INTO "PersonRoles" ("PersonId", "RoleId") VALUES (@person, @role)""", "person", "role");
        try
        {
            foreach (var change in changes)
            {
                var (columns, values) = Changed(change, now);
                if (!updates.TryGetValue(columns, out var update))
                {
                    updates[columns] = update = PreparedUpdate(connection, transaction, columns);
                }

                update.Set([.. values, now, change.Id, change.ReadUpdatedAt]);
                if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    return false;
                }

                var (id, was, wanted) = (change.Id, change.Was, change.Wanted);
                if (!SameAttributes(was.Attributes, wanted.Attributes))
                {
                    await RewriteAsync(clearAttributes, id, wanted.Attributes, attribute, (command, a) => command.Set(id, a.Key, a.Value), cancellationToken);
                }

                var wantedRoles = wanted.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (!was.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).SequenceEqual(wantedRoles, StringComparer.Ordinal))
                {
                    await RewriteAsync(clearRoles, id, wantedRoles, role, (command, code) => command.Set(id, roles[code].Id), cancellationToken);
                }
            }

            return true;
        }
        finally
        {
            foreach (var update in updates.Values)
            {
                await update.DisposeAsync();
            }
        }
    }

    /// <summary>The columns the change sets (their names joined: the command's key) and their values, in order.</summary>
    private static (string Columns, List<object?> Values) Changed(StoredPersonChange change, DateTime now)
    {
        var (was, wanted) = (Person.Create(change.Was.Username), Person.Create(change.Wanted.Username));
        was.Apply(change.Was, null, [], now);
        wanted.Apply(change.Wanted, null, [], now);
        var (names, values) = (new List<string>(), new List<object?>());
        void Compare<T>(string column, T before, T after)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                names.Add(column);
                values.Add(after);
            }
        }

        Compare("Username", was.Username, wanted.Username);
        Compare("Email", was.Email, wanted.Email);
        Compare("FirstName", was.FirstName, wanted.FirstName);
        Compare("LastName", was.LastName, wanted.LastName);
        Compare("ExternalCode", was.ExternalCode, wanted.ExternalCode);
        Compare("State", was.State, wanted.State);
        Compare("Disabled", was.Disabled, wanted.Disabled);
        Compare("FormProjection", was.FormProjection, wanted.FormProjection);
        Compare("MattermostSyncEnabled", was.MattermostSyncEnabled, wanted.MattermostSyncEnabled);
        Compare("SearchText", was.SearchText, wanted.SearchText);
        Compare("ManagerId", ManagerKey(change.Was), ManagerKey(change.Wanted));
        if (change.WasDeleted)
        {
            names.Add("Deleted");
        }

        return (string.Join(',', names), values);
    }

    private static string? ManagerKey(PersonDraft draft) => string.IsNullOrWhiteSpace(draft.Manager) ? null : Person.KeyOf(draft.Manager);

    /// <summary>The update of these columns, then when it was updated, where the row is the one read.</summary>
    private static DbCommand PreparedUpdate(DbConnection connection, DbTransaction transaction, string columns)
    {
        var sets = new List<string>();
        var parameters = new List<string>();
        foreach (var column in columns.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (column == "Deleted")
            {
                sets.Add("\"Deleted\" = FALSE, \"DeletedAt\" = NULL");
                continue;
            }

            var parameter = $"p{parameters.Count}";
            parameters.Add(parameter);
            sets.Add(column == "ManagerId"
                ? $"\"ManagerId\" = (SELECT m.\"Id\" FROM \"People\" AS m WHERE m.\"UsernameKey\" = @{parameter})"
                : $"\"{column}\" = @{parameter}");
        }

        sets.Add("\"UpdatedAt\" = @updated");
        return PreparedCommand.Create(connection, transaction,
            $"UPDATE \"People\" SET {string.Join(", ", sets)} WHERE \"Id\" = @id AND \"UpdatedAt\" = @read",
            [.. parameters, "updated", "id", "read"]);
    }

    private static async Task RewriteAsync<T>(
        DbCommand clear, int id, IEnumerable<T> rows, DbCommand insert, Action<DbCommand, T> set, CancellationToken cancellationToken)
    {
        clear.Set(id);
        await clear.ExecuteNonQueryAsync(cancellationToken);
        foreach (var row in rows)
        {
            set(insert, row);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static bool SameAttributes(IReadOnlyDictionary<string, string> was, IReadOnlyDictionary<string, string> wanted) =>
        was.Count == wanted.Count && was.All(a => wanted.TryGetValue(a.Key, out var value) && string.Equals(value, a.Value, StringComparison.Ordinal));
}
