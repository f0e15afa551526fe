using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>
/// Keeps the directory in step with identity events. CREATE and UPDATE upsert the person from the event's "after"
/// attributes; an attribute the event does not carry keeps its stored value, and an extended attribute sent as null
/// is removed. DELETE marks the person deleted (kept for history).
/// </summary>
public sealed class IdentityEventSync(
    DirectoryWriter writer,
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    IOptions<PeopleOptions> options)
{
    /// <returns>The write result, or null when syncing from identity events is switched off.</returns>
    public async Task<DirectoryWriteResult?> ApplyAsync(IdentityChange change, CancellationToken cancellationToken)
    {
        if (!options.Value.SyncFromIdentityEvents)
        {
            return null;
        }

        if (string.Equals(change.EventType, "DELETE", StringComparison.OrdinalIgnoreCase))
        {
            var found = await writer.MarkDeletedAsync(change.Username, cancellationToken);
            return found ? new DirectoryWriteResult(0, 1, []) : new DirectoryWriteResult(0, 0, []);
        }

        var stored = await StoredDraftAsync(change.Username, cancellationToken);
        return await writer.UpsertAsync([Overlay(stored ?? new PersonDraft { Username = change.Username }, change)], cancellationToken);
    }

    private async Task<PersonDraft?> StoredDraftAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.FindWithDetailsAsync(username, cancellationToken);
        return person is null ? null : PersonDraft.Of(person);
    }

    /// <summary>The draft a change makes of a person as they stand (the event's attributes over the stored ones).</summary>
    internal static PersonDraft Overlay(PersonDraft draft, IdentityChange change)
    {
        var a = change.Attributes ?? [];
        var attributes = new Dictionary<string, string>(draft.Attributes, StringComparer.Ordinal);
        foreach (var (code, value) in change.ExtendedAttributes ?? [])
        {
            if (value is null)
            {
                attributes.Remove(code);
            }
            else
            {
                attributes[code] = Text(value)!;
            }
        }

        return draft with
        {
            Username = change.Username,
            Email = a.ContainsKey("email") ? Text(a["email"]) : draft.Email,
            FirstName = a.ContainsKey("firstName") ? Text(a["firstName"]) : draft.FirstName,
            LastName = a.ContainsKey("lastName") ? Text(a["lastName"]) : draft.LastName,
            ExternalCode = a.ContainsKey("externalCode") ? Text(a["externalCode"]) : draft.ExternalCode,
            State = a.ContainsKey("state") ? Text(a["state"]) : draft.State,
            Disabled = a.ContainsKey("disabled") ? Flag(a["disabled"]) : draft.Disabled,
            FormProjection = a.ContainsKey("formProjection") ? Text(a["formProjection"]) : draft.FormProjection,
            Manager = a.ContainsKey("manager") ? Text(a["manager"]) : draft.Manager,
            Roles = a.ContainsKey("roles") ? List(a["roles"]) : draft.Roles,
            MattermostSyncEnabled = a.ContainsKey("mattermostSyncEnabled") ? Flag(a["mattermostSyncEnabled"]) : draft.MattermostSyncEnabled,
            Attributes = attributes,
        };
    }

    internal static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static bool Flag(JsonNode? node) => node is JsonValue value && value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => bool.TryParse(value.GetValue<string>(), out var parsed) && parsed,
        _ => false,
    };

    private static List<string> List(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(Text).OfType<string>().ToList(),
        JsonValue => (Text(node) ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        _ => [],
    };
}
