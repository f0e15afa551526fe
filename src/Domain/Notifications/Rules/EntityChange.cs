namespace Switchboard.Domain.Notifications.Rules;

/// <summary>
/// The before and after values of an entity's standard attributes and extended attributes (EAV), in their rule
/// string form (<see cref="RuleText"/>). A missing key means no value: on CREATE every "before" is missing, on
/// DELETE every "after".
/// </summary>
public sealed record EntityChange(
    IReadOnlyDictionary<string, string?> BeforeAttributes,
    IReadOnlyDictionary<string, string?> AfterAttributes,
    IReadOnlyDictionary<string, string?> BeforeEav,
    IReadOnlyDictionary<string, string?> AfterEav)
{
    public (string? Before, string? After) Values(AttributeKind kind, string code) => kind == AttributeKind.Eav
        ? (BeforeEav.GetValueOrDefault(code), AfterEav.GetValueOrDefault(code))
        : (BeforeAttributes.GetValueOrDefault(code), AfterAttributes.GetValueOrDefault(code));
}
