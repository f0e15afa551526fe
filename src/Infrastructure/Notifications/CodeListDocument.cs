using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// Every editable notification code list in one JSON document, for keeping configuration in version control.
/// Importing it upserts topics by code and replaces the configurations with the document's, atomically.
/// </summary>
public sealed record CodeListDocument(IReadOnlyList<TopicDraft> Topics, IReadOnlyList<NotificationConfigurationDraft> Configurations)
{
    public const int MaxTopics = 1000;
    public const int MaxConfigurations = 1000;
}
