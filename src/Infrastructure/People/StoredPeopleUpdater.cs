using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Updates people the caller has read and checked, with prepared commands reused for every row, inside the writer's
/// transaction (the change tracker compiles a statement per row). A person's row is updated only while it is as it was
/// read (its <see cref="Person.UpdatedAt"/>): anyone else's change in between makes the whole batch fail, and the
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
        await using var person = PreparedCommand.Create(connection, transaction,
            """
            UPDATE "People" SET "Username" = @username, "Email" = @email, "FirstName" = @first, "LastName" = @last,
                "ExternalCode" = @code, "State" = @state, "Disabled" = @disabled, "FormProjection" = @form,
                "ManagerId" = (SELECT m."Id" FROM "People" AS m WHERE m."UsernameKey" = @manager),
                "MattermostSyncEnabled" = @sync, "Deleted" = FALSE, "DeletedAt" = NULL, "UpdatedAt" = @updated, "SearchText" = @search
            WHERE "Id" = @id AND "UpdatedAt" = @read
            """,
            "username", "email", "first", "last", "code", "state", "disabled", "form", "manager", "sync", "updated", "search", "id", "read");
        await using var clearAttributes = PreparedCommand.Create(connection, transaction, """DELETE FROM "PersonAttributes" WHERE "PersonId" = @person""", "person");
        await using var attribute = PreparedCommand.Create(connection, transaction,
            """INSERT INTO "PersonAttributes" ("PersonId", "Code", "Value") VALUES (@person, @code, @value)""", "person", "code", "value");
        await using var clearRoles = PreparedCommand.Create(connection, transaction, """DELETE FROM "PersonRoles" WHERE "PersonId" = @person""", "person");
        await using var role = PreparedCommand.Create(connection, transaction,
            """INSERT INTO "PersonRoles" ("PersonId", "RoleId") VALUES (@person, @role)""", "person", "role");

        foreach (var (id, read, was, wanted) in changes)
        {
            var values = Person.Create(wanted.Username);
            values.Apply(wanted, null, [], now);
            person.Set(values.Username, values.Email, values.FirstName, values.LastName, values.ExternalCode, values.State, values.Disabled,
                values.FormProjection, string.IsNullOrWhiteSpace(wanted.Manager) ? null : Person.KeyOf(wanted.Manager),
                values.MattermostSyncEnabled, values.UpdatedAt, values.SearchText, id, read);
            if (await person.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }

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
