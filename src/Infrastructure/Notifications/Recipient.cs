namespace Switchboard.Infrastructure.Notifications;

public sealed record Recipient(string Email, string? Username, string? Name);
