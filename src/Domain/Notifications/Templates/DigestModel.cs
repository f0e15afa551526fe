namespace Switchboard.Domain.Notifications.Templates;

/// <summary>
/// What a topic's digest template sees, in camelCase: <c>items</c> (each change, with the very model a message about that
/// one change sees: <c>item.eventType</c>, <c>item.identity.fullName</c>, <c>item.after.attributes.state</c>…), <c>count</c>,
/// <c>recipient</c> and <c>configuration</c>.
/// </summary>
public sealed record DigestModel(IReadOnlyList<TemplateModel> Items, TemplateRecipient Recipient, TemplateConfiguration Configuration)
{
    public int Count => Items.Count;
}
