using Switchboard.Domain.Audit;

namespace Switchboard.ComponentTests;

/// <summary>A hand-written audit log that keeps what it is told, for assertions.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    public List<AuditRecord> Records { get; } = [];

    public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        Records.Add(record);
        return Task.CompletedTask;
    }
}
