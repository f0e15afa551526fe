using Switchboard.Domain.Events;
using Switchboard.Domain.Notifications;

namespace Switchboard.Portal.Features.Notifications;

public sealed record ConfigurationRow(
    int Id, string EntityType, string EventType, string? FormProjection, string? System, string Rule, string Topic,
    NotificationLevel Level, string Recipients, bool Disabled, string? Description, int FailureCount, string? LastFailure);

/// <summary>Filters of the configurations grid; null fields do not filter.</summary>
public sealed record ConfigurationQuery(
    string? EntityType = null, string? EventType = null, string? Topic = null, NotificationLevel? Level = null, bool? Disabled = null);

public sealed record TopicRow(string Code, string? Description, string Subject);

public sealed record MessageRow(
    long Id, DateTime CreatedAt, string RecipientEmail, string Topic, NotificationLevel Level, int ConfigurationId, string EventId,
    MessageStatus Status, int Attempts, string? LastError, DateTime? SentAt, string? SmtpReply, string Subject);

public sealed record EventRow(
    long Id, DateTime ReceivedAt, string EventId, string EntityType, string EventType, string Identity, string? System,
    DirectorySyncState DirectorySync, string? DirectorySyncError, bool Evaluated, string? EvaluationNote);

/// <summary>A queue message that could not be read as events; <see cref="Body"/> is its start.</summary>
public sealed record RejectedEventRow(long Id, DateTime ReceivedAt, string Source, string Reason, string Body, bool Shortened);

/// <summary>Filters of the delivery log; empty fields do not filter.</summary>
public sealed record MessageFilter(MessageStatus? Status = null, string? Topic = null, string? Recipient = null);
