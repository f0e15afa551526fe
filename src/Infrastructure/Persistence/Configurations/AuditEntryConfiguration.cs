using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Audit;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        builder.Property(e => e.ObjectType).HasMaxLength(AuditEntry.ObjectTypeMaxLength);
        builder.Property(e => e.ObjectId).HasMaxLength(AuditEntry.ObjectIdMaxLength);
        builder.Property(e => e.Result).HasConversion<string>().HasMaxLength(20);

        // The Audit page filters by these and always orders newest first by time, then by Id (an entry's time need not
        // follow its Id: a backdated or imported entry is written later than it happened).
        builder.HasIndex(e => new { e.At, e.Id });
        builder.HasIndex(e => new { e.Actor, e.At, e.Id });
        builder.HasIndex(e => new { e.Action, e.At, e.Id });
        builder.HasIndex(e => new { e.ObjectType, e.ObjectId, e.At, e.Id });
    }
}
