using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Events;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Dry runs: what an event would do to every configuration (disabled ones too) and what a script says about a sample
/// event. Nothing is stored and nothing is sent, so any signed-in person may use it.
/// </summary>
public sealed class TestBenchService(
    IDbContextFactory<SwitchboardDbContext> contextFactory, ITemplateRenderer renderer, INotificationScripts scripts,
    IOptions<NotificationLimitsOptions> limits, IOptions<DateWatches.DateWatchOptions> dateWatches, TimeProvider time)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Reads one event in the ingest API's JSON form; the errors name each bad field.</summary>
    public static (EntityEvent? Event, IReadOnlyList<string> Errors) ReadEvent(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ["Paste one event: a JSON object as POST /api/events takes it."]);
            }

            var (events, errors) = EventBatchReader.Read(document.RootElement);
            if (errors.Count > 0)
            {
                return (null, errors.Select(e => $"{e.Key.Replace("items[0].", "", StringComparison.Ordinal)}: {string.Join(" ", e.Value)}").ToList());
            }

            var incoming = events[0];
            return (EntityEvent.Receive(incoming.Id, incoming.EntityType, incoming.EventType, incoming.EntityId, incoming.Identity, incoming.System,
                incoming.OccurredAt, incoming.Before, incoming.After, "test bench", DateTime.UtcNow), []);
        }
        catch (JsonException ex)
        {
            return (null, [$"Not JSON: {ex.Message}"]);
        }
    }

    /// <summary>A stored event in the ingest API's JSON form, for the test bench to run it again.</summary>
    public static string EventJson(EntityEvent stored)
    {
        var json = new JsonObject
        {
            ["id"] = stored.EventId,
            ["entityType"] = stored.EntityType,
            ["eventType"] = stored.EventType,
            ["entityId"] = stored.EntityId,
            ["identity"] = stored.Identity,
        };
        if (stored.System is not null)
        {
            json["system"] = stored.System;
        }

        if (stored.OccurredAt is { } occurred)
        {
            json["occurredAt"] = DateTime.SpecifyKind(occurred, DateTimeKind.Utc);
        }

        json["before"] = stored.Before is null ? null : JsonNode.Parse(stored.Before);
        json["after"] = stored.After is null ? null : JsonNode.Parse(stored.After);
        return json.ToJsonString(Indented);
    }

    public async Task<IReadOnlyList<ConfigurationVerdict>> DryRunAsync(EntityEvent entityEvent, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var configurations = new ConfigurationSet(
            await db.NotificationConfigurations.AsNoTracking().Include(c => c.Topic).OrderBy(c => c.Id).ToListAsync(cancellationToken));
        var evaluator = new NotificationEvaluator(db, renderer, scripts, limits.Value, time) { DateZone = dateWatches.Value.Zone };
        return await evaluator.EvaluateAsync(entityEvent, configurations, explain: true, cancellationToken);
    }

    /// <summary>Runs a rule script or a recipients script against a sample event and says what came out.</summary>
    public async Task<ScriptTestResult> TestScriptAsync(ScriptKind kind, string script, string sampleEventJson, CancellationToken cancellationToken)
    {
        var (sample, errors) = ReadEvent(sampleEventJson);
        if (sample is null)
        {
            return new(false, $"The sample event is not valid: {string.Join("; ", errors)}");
        }

        var scriptEvent = NotificationEvaluator.ScriptEventOf(sample);
        if (kind == ScriptKind.Rule)
        {
            var outcome = scripts.Rule(script, scriptEvent, cancellationToken);
            return outcome.Failed ? new(false, $"Rule script failed: {outcome.Error}")
                : new(true, outcome.Value ? "Rule script returned true: the configuration would fire." : "Rule script returned false: the configuration would not fire.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var recipients = scripts.Recipients(script, scriptEvent, new ScriptDirectory(db), cancellationToken);
        return recipients.Failed ? new(false, $"Recipients script failed: {recipients.Error}")
            : new(true, recipients.Value!.Count == 0 ? "Recipients script returned no recipients."
                : $"Recipients script returned {recipients.Value.Count}: {string.Join(", ", recipients.Value)}");
    }

    /// <summary>A sample event for the editor: the identity's state changing from VALID to LEFT, or a provisioning operation's.</summary>
    public static string SampleEvent(string entityType) => entityType == EntityTypes.SysProvisioningOperation
        ? """
          {
            "id": "sample-1", "entityType": "SysProvisioningOperation", "eventType": "UPDATE", "entityId": "op-1",
            "identity": "jan.novak", "system": "AD-main",
            "before": { "attributes": { "resultState": "RUNNING" } },
            "after": { "attributes": { "resultState": "EXCEPTION" } }
          }
          """
        : """
          {
            "id": "sample-1", "entityType": "IdmIdentity", "eventType": "UPDATE", "entityId": "id-1", "identity": "jan.novak",
            "before": { "attributes": { "state": "VALID" }, "eav": { "clinicCode": "100" } },
            "after": { "attributes": { "state": "LEFT" }, "eav": { "clinicCode": "200" } }
          }
          """;
}
