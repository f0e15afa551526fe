using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Events;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class EntityEventConfiguration : IEntityTypeConfiguration<EntityEvent>
{
    public void Configure(EntityTypeBuilder<EntityEvent> builder)
    {
        builder.ToTable("EntityEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.EventId).HasMaxLength(EntityEvent.EventIdMaxLength);
        builder.Property(e => e.EntityType).HasMaxLength(50);
        builder.Property(e => e.EventType).HasMaxLength(10);
        builder.Property(e => e.EntityId).HasMaxLength(EntityEvent.NameMaxLength);
        builder.Property(e => e.Identity).HasMaxLength(EntityEvent.NameMaxLength);
        builder.Property(e => e.System).HasMaxLength(EntityEvent.NameMaxLength);
        builder.Property(e => e.ReceivedFrom).HasMaxLength(200);
        builder.Property(e => e.DirectorySync).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.DirectorySyncError).HasMaxLength(EntityEvent.ErrorMaxLength);
        builder.Property(e => e.EvaluationNote).HasMaxLength(EntityEvent.ErrorMaxLength);
        builder.HasIndex(e => e.EventId).IsUnique();

        // Every index is a write per event stored, and one moved per event evaluated or applied: the evaluation job's and
        // the directory sync's queues hold only the events still waiting (partial indexes; the jobs' queries carry the
        // same conditions), so marking an event done removes it from its queue instead of moving it within a full index.
        builder.HasIndex(e => e.Id, "IX_EntityEvents_Unevaluated").HasFilter("NOT \"Evaluated\"");
        builder.HasIndex(e => e.Id, "IX_EntityEvents_DirectoryPending").HasFilter("\"DirectorySync\" = 'Pending'");
        builder.HasIndex(e => e.ReceivedAt);
        builder.HasIndex(e => new { e.Identity, e.ReceivedAt, e.Id }); // a person's timeline
    }
}
