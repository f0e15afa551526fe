using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Notifications;

namespace Switchboard.Portal.Features.Notifications;

/// <summary>The test bench's event builder: who, which change, which attribute values; turned into the ingest API's JSON.</summary>
public sealed class TestBenchForm
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string EntityType { get; set; } = EntityTypes.IdmIdentity;
    public string EventType { get; set; } = EventTypes.Update;
    public string? Identity { get; set; }
    public string? System { get; set; }
    public List<AttributeChange> Changes { get; } = [new() { Attribute = "state", Before = "VALID", After = "LEFT" }];

    /// <summary>The builder's JSON when it last filled the JSON field: a builder changed since then fills it again.</summary>
    private string _built;

    public TestBenchForm() => _built = ToJson();

    /// <summary>The builder fills the JSON field ("Use this event"): returns the JSON to show.</summary>
    public string Fill() => _built = ToJson();

    /// <summary>
    /// What a dry run evaluates, given the JSON field: a builder changed since it last filled the field wins over the
    /// older JSON (the caller shows the returned JSON); JSON pasted or edited by hand, with the builder untouched, is run as it is.
    /// </summary>
    public string JsonToRun(string jsonField)
    {
        var current = ToJson();
        if (string.Equals(current, _built, StringComparison.Ordinal))
        {
            return jsonField;
        }

        _built = current;
        return current;
    }

    public string ToJson()
    {
        var before = new JsonObject { ["attributes"] = new JsonObject(), ["eav"] = new JsonObject() };
        var after = new JsonObject { ["attributes"] = new JsonObject(), ["eav"] = new JsonObject() };
        foreach (var change in Changes.Where(c => !string.IsNullOrWhiteSpace(c.Attribute)))
        {
            var group = change.Eav ? "eav" : "attributes";
            if (!string.IsNullOrEmpty(change.Before) && EventType != EventTypes.Create)
            {
                before[group]![change.Attribute!.Trim()] = change.Before;
            }

            if (!string.IsNullOrEmpty(change.After) && EventType != EventTypes.Delete)
            {
                after[group]![change.Attribute!.Trim()] = change.After;
            }
        }

        var json = new JsonObject
        {
            ["id"] = "test-bench",
            ["entityType"] = EntityType,
            ["eventType"] = EventType,
            ["entityId"] = "test-bench",
            ["identity"] = Identity ?? "",
        };
        if (EntityType == EntityTypes.SysProvisioningOperation)
        {
            json["system"] = System ?? "";
        }

        json["before"] = EventType == EventTypes.Create ? null : before;
        json["after"] = EventType == EventTypes.Delete ? null : after;
        return json.ToJsonString(Indented);
    }
}

/// <summary>One attribute's value before and after; empty means no value.</summary>
public sealed class AttributeChange
{
    public string? Attribute { get; set; }
    public bool Eav { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
