using Switchboard.Domain.Mattermost;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>A person with chat sync enabled, as the token job reads them, and what the job will do for them.</summary>
public sealed record TokenCandidate(int PersonId, string Username, string? Email, string? TokenId, DateTime? ExpiresAt, TokenAction Action, string Reason);
