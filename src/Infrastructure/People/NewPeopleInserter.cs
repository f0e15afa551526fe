using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Inserts people who are new to the directory inside the writer's transaction, in four set-based statements (the rows as
/// one JSON parameter, <see cref="JsonRows"/>): the people, then who manages them (a new manager may come later in the
/// batch), then their extended attributes and their roles. Through the change tracker a batch of 5,000 new people (with
/// their roles and attributes, about 25,000 rows) took about 1.2 s to save; a prepared statement per row was a round trip
/// per row on PostgreSQL. Field values still come from <see cref="Person.Apply"/>, so the domain decides what is stored.
/// </summary>
internal sealed class NewPeopleInserter(SwitchboardDbContext db)
{
    /// <returns>Each new person's row id, by username key.</returns>
    public async Task<Dictionary<string, int>> InsertAsync(
        IReadOnlyList<PersonDraft> drafts, IReadOnlyDictionary<string, Role> roles, DateTime now, CancellationToken cancellationToken)
    {
        var inserted = new Dictionary<string, int>(StringComparer.Ordinal);
        if (drafts.Count == 0)
        {
            return inserted;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("New people are inserted inside the directory writer's transaction.");
        var postgres = db.Database.IsNpgsql();
        await InsertPeopleAsync(connection, transaction, postgres, drafts, now, inserted, cancellationToken);

        using (var managers = new JsonRows(postgres))
        {
            foreach (var draft in drafts.Where(d => !string.IsNullOrWhiteSpace(d.Manager)))
            {
                managers.Row().Add("id", inserted[Person.KeyOf(draft.Username)]).Add("manager", Person.KeyOf(draft.Manager!));
            }

            await managers.ExecuteAsync(connection, transaction, $"""
                UPDATE "People" SET "ManagerId" = (SELECT m."Id" FROM "People" AS m WHERE m."UsernameKey" = r."manager")
                FROM {JsonRows.From(postgres, "rows", ("id", "integer"), ("manager", "text"))}
                WHERE "People"."Id" = r."id"
                """, cancellationToken);
        }

        using (var attributes = new JsonRows(postgres))
        {
            foreach (var draft in drafts)
            {
                foreach (var (code, value) in draft.Attributes)
                {
                    attributes.Row().Add("person", inserted[Person.KeyOf(draft.Username)]).Add("code", code).Add("value", value);
                }
            }

            await attributes.ExecuteAsync(connection, transaction, $"""
                INSERT INTO "PersonAttributes" ("PersonId", "Code", "Value")
                SELECT r."person", r."code", r."value" FROM {JsonRows.From(postgres, "rows", ("person", "integer"), ("code", "text"), ("value", "text"))} ORDER BY r."ord"
                """, cancellationToken);
        }

        using (var links = new JsonRows(postgres))
        {
            foreach (var draft in drafts)
            {
                foreach (var code in draft.Roles.Distinct(StringComparer.Ordinal))
                {
                    links.Row().Add("person", inserted[Person.KeyOf(draft.Username)]).Add("role", roles[code].Id);
                }
            }

            await links.ExecuteAsync(connection, transaction, $"""
                INSERT INTO "PersonRoles" ("PersonId", "RoleId")
                SELECT r."person", r."role" FROM {JsonRows.From(postgres, "rows", ("person", "integer"), ("role", "integer"))} ORDER BY r."ord"
                """, cancellationToken);
        }

        return inserted;
    }

    /// <summary>The people's rows, without their managers yet; fills <paramref name="inserted"/> with each one's id.</summary>
    private static async Task InsertPeopleAsync(
        DbConnection connection, DbTransaction transaction, bool postgres, IReadOnlyList<PersonDraft> drafts, DateTime now,
        Dictionary<string, int> inserted, CancellationToken cancellationToken)
    {
        using var rows = new JsonRows(postgres);
        foreach (var draft in drafts)
        {
            var values = Person.Create(draft.Username);
            values.Apply(draft, null, [], now);
            rows.Row().Add("username", values.Username).Add("key", values.UsernameKey).Add("email", values.Email).Add("first", values.FirstName)
                .Add("last", values.LastName).Add("code", values.ExternalCode).Add("state", values.State).Add("disabled", values.Disabled)
                .Add("form", values.FormProjection).Add("sync", values.MattermostSyncEnabled).Add("updated", values.UpdatedAt).Add("search", values.SearchText);
        }

        await using var command = rows.Command(connection, transaction, $"""
            INSERT INTO "People" ("Username", "UsernameKey", "Email", "FirstName", "LastName", "ExternalCode", "State", "Disabled",
                "FormProjection", "MattermostSyncEnabled", "Deleted", "UpdatedAt", "SearchText")
            SELECT r."username", r."key", r."email", r."first", r."last", r."code", r."state", r."disabled", r."form", r."sync", FALSE, r."updated", r."search"
            FROM {JsonRows.From(postgres, "rows", ("username", "text"), ("key", "text"), ("email", "text"), ("first", "text"), ("last", "text"),
                ("code", "text"), ("state", "text"), ("disabled", "boolean"), ("form", "text"), ("sync", "boolean"), ("updated", "timestamptz"), ("search", "text"))}
            ORDER BY r."ord"
            RETURNING "Id", "UsernameKey"
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted[reader.GetString(1)] = reader.GetInt32(0);
        }
    }
}
