namespace Switchboard.Domain.Notifications.Templates;

/// <summary>
/// What a topic's templates see, in camelCase: <c>entityType</c>, <c>eventType</c>, <c>level</c>, <c>system</c>,
/// <c>changed</c> (names of changed attributes, EAV as <c>EAV:code</c>), <c>before</c>/<c>after</c> (each with
/// <c>attributes</c> and <c>eav</c>), <c>identity</c> (for provisioning operations: its owner), <c>recipient</c> and
/// <c>configuration</c>.
/// </summary>
public sealed record TemplateModel(
    string EntityType,
    string EventType,
    string Level,
    string? System,
    IReadOnlyList<string> Changed,
    TemplateState Before,
    TemplateState After,
    TemplatePerson? Identity,
    TemplateRecipient Recipient,
    TemplateConfiguration Configuration);

public sealed record TemplateState(IReadOnlyDictionary<string, string?> Attributes, IReadOnlyDictionary<string, string?> Eav);

public sealed record TemplatePerson(string Username, string? FirstName, string? LastName, string? Email, string? Manager)
{
    public string FullName => FirstName is null && LastName is null ? Username : $"{FirstName} {LastName}".Trim();
}

public sealed record TemplateRecipient(string Email, string? Username, string? Name);

public sealed record TemplateConfiguration(string Topic, string? Description);
