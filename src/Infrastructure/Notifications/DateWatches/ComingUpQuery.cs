namespace Switchboard.Infrastructure.Notifications.DateWatches;

/// <summary>Whose planned notifications a Coming up list shows: one configuration's, one person's, or (neither) all.</summary>
public sealed record ComingUpQuery(int? ConfigurationId = null, string? Identity = null);
