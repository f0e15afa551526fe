using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Updates people the caller has read and checked, inside the writer's transaction, in a few set-based statements (the
/// rows as one JSON parameter, <see cref="JsonRows"/>): one update per set of changed columns, one delete and one insert
/// for the roles and for the extended attributes that change. On PostgreSQL a statement per person was a round trip per
/// person. A row's update sets only the columns whose value changes (and when it was updated): a column that is set makes
/// SQLite rewrite every index on it, changed or not, and People has nine. A person's row is updated only while it is as it
/// was read (its <see cref="Person.UpdatedAt"/>): anyone else's change in between makes the whole batch fail, and the
/// caller goes the long way. A change that leaves the person as read (an identity event repeating what the directory
/// holds) writes nothing. Field values come from <see cref="Person.Apply"/>, so the domain decides what is stored.
/// </summary>
internal sealed class StoredPeopleUpdater(SwitchboardDbContext db)
{
    private static readonly HashSet<string> BooleanColumns = new(StringComparer.Ordinal) { "Disabled", "MattermostSyncEnabled" };

    /// <returns>False when a person was changed by someone else since it was read (nothing may be committed then).</returns>
    public async Task<bool> UpdateAsync(
        IReadOnlyList<StoredPersonChange> changes, IReadOnlyDictionary<string, Role> roles, DateTime now, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Stored people are updated inside the directory writer's transaction.");
        var postgres = db.Database.IsNpgsql();
        var changing = changes.Select(c => (Change: c, Columns: Changed(c, now)))
            .Where(c => c.Columns.Names.Length > 0 || !SameAttributes(c.Change.Was.Attributes, c.Change.Wanted.Attributes) || !SameRoles(c.Change))
            .ToList();
        foreach (var group in changing.GroupBy(c => c.Columns.Names, StringComparer.Ordinal))
        {
            var names = group.First().Columns.Values.Select(v => v.Name).ToList();
            using var rows = new JsonRows(postgres);
            foreach (var (change, (_, values)) in group)
            {
                rows.Row().Add("id", change.Id).Add("read", change.ReadUpdatedAt).Add("updated", now);
                foreach (var (name, value) in values)
                {
                    _ = value is bool flag ? rows.Add(name, flag) : rows.Add(name, (string?)value);
                }
            }

            if (await rows.ExecuteAsync(connection, transaction, UpdateSql(postgres, group.Key, names), cancellationToken) != rows.Count)
            {
                return false;
            }
        }

        var newAttributes = changing.Select(c => c.Change).Where(c => !SameAttributes(c.Was.Attributes, c.Wanted.Attributes)).ToList();
        await RewriteAsync(connection, transaction, postgres, "PersonAttributes", newAttributes,
            (rows, change) =>
            {
                foreach (var (code, value) in change.Wanted.Attributes)
                {
                    rows.Row().Add("person", change.Id).Add("code", code).Add("value", value);
                }
            },
            $"""
            INSERT INTO "PersonAttributes" ("PersonId", "Code", "Value")
            SELECT r."person", r."code", r."value" FROM {JsonRows.From(postgres, "rows", ("person", "integer"), ("code", "text"), ("value", "text"))} ORDER BY r."ord"
            """, cancellationToken);

        var newRoles = changing.Select(c => c.Change).Where(c => !SameRoles(c)).ToList();
        await RewriteAsync(connection, transaction, postgres, "PersonRoles", newRoles,
            (rows, change) =>
            {
                foreach (var code in SortedRoles(change.Wanted))
                {
                    rows.Row().Add("person", change.Id).Add("role", roles[code].Id);
                }
            },
            $"""
            INSERT INTO "PersonRoles" ("PersonId", "RoleId")
            SELECT r."person", r."role" FROM {JsonRows.From(postgres, "rows", ("person", "integer"), ("role", "integer"))} ORDER BY r."ord"
            """, cancellationToken);
        return true;
    }

    /// <summary>
    /// The columns the change sets, joined (the statement's key), and each one's new value (a string or a boolean), in order.
    /// </summary>
    private static (string Names, List<(string Name, object? Value)> Values) Changed(StoredPersonChange change, DateTime now)
    {
        var (was, wanted) = (Person.Create(change.Was.Username), Person.Create(change.Wanted.Username));
        was.Apply(change.Was, null, [], now);
        wanted.Apply(change.Wanted, null, [], now);
        var (names, values) = (new List<string>(), new List<(string, object?)>());
        void Compare<T>(string column, T before, T after)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                names.Add(column);
                values.Add((column, after));
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

    private static bool SameRoles(StoredPersonChange change) => SortedRoles(change.Was).SequenceEqual(SortedRoles(change.Wanted), StringComparer.Ordinal);

    private static List<string> SortedRoles(PersonDraft draft) => [.. draft.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The update of these columns, then when it was updated, where each row is the one read.</summary>
    private static string UpdateSql(bool postgres, string columns, List<string> valueNames)
    {
        var sets = new List<string>();
        foreach (var column in columns.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            sets.Add(column switch
            {
                "Deleted" => "\"Deleted\" = FALSE, \"DeletedAt\" = NULL",
                "ManagerId" => "\"ManagerId\" = (SELECT m.\"Id\" FROM \"People\" AS m WHERE m.\"UsernameKey\" = r.\"ManagerId\")",
                _ => $"\"{column}\" = r.\"{column}\"",
            });
        }

        sets.Add("\"UpdatedAt\" = r.\"updated\"");
        var table = JsonRows.From(postgres, "rows",
            [("id", "integer"), ("read", "timestamptz"), ("updated", "timestamptz"), .. valueNames.Select(n => (n, BooleanColumns.Contains(n) ? "boolean" : "text"))]);
        return $"""
            UPDATE "People" SET {string.Join(", ", sets)}
            FROM {table}
            WHERE "People"."Id" = r."id" AND "People"."UpdatedAt" = r."read"
            """;
    }

    /// <summary>Deletes the rows of <paramref name="table"/> of these people and inserts what <paramref name="addRows"/> writes for each.</summary>
    private static async Task RewriteAsync(
        DbConnection connection, DbTransaction transaction, bool postgres, string table, List<StoredPersonChange> people,
        Action<JsonRows, StoredPersonChange> addRows, string insertSql, CancellationToken cancellationToken)
    {
        if (people.Count == 0)
        {
            return;
        }

        using (var ids = new JsonRows(postgres))
        {
            foreach (var change in people)
            {
                ids.Row().Add("id", change.Id);
            }

            await ids.ExecuteAsync(connection, transaction,
                $"""DELETE FROM "{table}" WHERE "PersonId" IN (SELECT r."id" FROM {JsonRows.From(postgres, "rows", ("id", "integer"))})""", cancellationToken);
        }

        using var rows = new JsonRows(postgres);
        foreach (var change in people)
        {
            addRows(rows, change);
        }

        await rows.ExecuteAsync(connection, transaction, insertSql, cancellationToken);
    }

    private static bool SameAttributes(IReadOnlyDictionary<string, string> was, IReadOnlyDictionary<string, string> wanted) =>
        was.Count == wanted.Count && was.All(a => wanted.TryGetValue(a.Key, out var value) && string.Equals(value, a.Value, StringComparison.Ordinal));
}
