using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Domain.Notifications.Scripts;

/// <summary>
/// The <c>event</c> a script sees, in camelCase: <c>entityType</c>, <c>eventType</c>, <c>identity</c>, <c>system</c>,
/// <c>before</c> and <c>after</c> (each with <c>attributes</c> and <c>eav</c>, values in their rule string form) and
/// <c>changed</c> (names of changed attributes, EAV as <c>EAV:code</c>).
/// </summary>
public sealed record ScriptEvent(
    string EntityType, string EventType, string Identity, string? System, TemplateState Before, TemplateState After, IReadOnlyList<string> Changed);
