using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Switchboard.Infrastructure.Provisioning;

/// <summary>
/// The JSON schemas (draft-04) of the daemon's requests, from the seed document, and the check of a request body
/// against them. NJsonSchema does the validating: draft-04 patterns, types and required properties.
/// </summary>
public sealed class RequestSchemas
{
    private const string AccountUuidPattern = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["request.googleapps.user.create"] = AccountSchema("Create Google Account message schema", "\"gram_account_uuid\", \"primary_email\""),
        ["request.googleapps.user.update"] = AccountSchema("Update Google Account message schema", "\"gram_account_uuid\""),
        ["request.googleapps.user.delete"] = """
            {
              "$schema": "http://json-schema.org/draft-04/schema#",
              "title": "Delete Google Account message schema",
              "type": "object",
              "properties": { "google_account_key": { "type": "string", "description": "Id of the Google account to delete" } },
              "additionalProperties": true,
              "required": ["google_account_key"]
            }
            """,
    };

    private readonly Dictionary<string, JsonSchema> _schemas = Texts.ToDictionary(t => t.Key, t => JsonSchema.FromJsonAsync(t.Value).GetAwaiter().GetResult(), StringComparer.Ordinal);

    public bool Knows(string routingKey) => _schemas.ContainsKey(routingKey);

    /// <returns>The problems of <paramref name="body"/> against the schema of <paramref name="routingKey"/>; empty when it passes or no schema is known.</returns>
    public IReadOnlyList<SchemaError> Check(string routingKey, string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [new SchemaError("(body)", "is empty: the request needs a JSON object", null, null)];
        }

        try
        {
            using var parsed = JsonDocument.Parse(body);
            if (!_schemas.TryGetValue(routingKey, out var schema))
            {
                return [];
            }

            return schema.Validate(body).SelectMany(Flatten).Select(e => Describe(e, parsed.RootElement)).ToList();
        }
        catch (JsonException malformed)
        {
            return [new SchemaError("(body)", $"is not valid JSON: {malformed.Message}", (int?)malformed.LineNumber + 1, malformed.BytePositionInLine + 1)];
        }
    }

    private static IEnumerable<ValidationError> Flatten(ValidationError error) => error is ChildSchemaValidationError child
        ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten)
        : [error];

    private static SchemaError Describe(ValidationError error, JsonElement body)
    {
        var field = error.Path?.TrimStart('#', '/').Replace('/', '.') is { Length: > 0 } path ? path : error.Property ?? "(body)";
        var problem = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required",
            ValidationErrorKind.PatternMismatch => $"does not match the pattern {error.Schema?.Pattern}",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.IntegerExpected => "must be an integer",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not allowed",
            _ => error.Kind.ToString(),
        };
        var value = error.Kind == ValidationErrorKind.PropertyRequired ? null : ValueAt(body, field);
        return new SchemaError(field, problem, error.HasLineInfo ? error.LineNumber : null, error.HasLineInfo ? error.LinePosition : null, value);
    }

    private static string? ValueAt(JsonElement body, string field)
    {
        var current = body;
        foreach (var part in field.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current.GetRawText();
    }

    private static string AccountSchema(string title, string required) => $$"""
        {
          "$schema": "http://json-schema.org/draft-04/schema#",
          "title": "{{title}}",
          "type": "object",
          "properties": {
            "gram_account_uuid": { "type": "string", "description": "The unique identifier of linked GrAM Account", "pattern": "{{AccountUuidPattern}}" },
            "primary_email": { "type": "string", "description": "Primary email address used to create google account" },
            "aliases": { "type": "array", "description": "Google account email aliases", "items": { "type": "string" } }
          },
          "additionalProperties": true,
          "required": [{{required}}]
        }
        """;
}
