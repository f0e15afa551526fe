namespace Switchboard.Infrastructure.Notifications;

/// <summary>What an import would change (or changed).</summary>
public sealed record CodeListDifference(
    IReadOnlyList<string> TopicsAdded, IReadOnlyList<string> TopicsChanged, int ConfigurationsBefore, int ConfigurationsAfter);
