namespace Switchboard.Domain.ApiKeys;

/// <summary>The scopes a machine API key can be given. Each machine endpoint requires exactly one.</summary>
public static class ApiKeyScopes
{
    public const string EventsWrite = "events:write";
    public const string ConfigRead = "config:read";
    public const string ConfigWrite = "config:write";
    public const string EnvelopesRead = "envelopes:read";
    public const string EnvelopesWrite = "envelopes:write";
    public const string PeopleWrite = "people:write";
    public const string JobsRun = "jobs:run";
    public const string AuditRead = "audit:read";

    public static IReadOnlyList<string> All { get; } =
        [EventsWrite, ConfigRead, ConfigWrite, EnvelopesRead, EnvelopesWrite, PeopleWrite, JobsRun, AuditRead];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
