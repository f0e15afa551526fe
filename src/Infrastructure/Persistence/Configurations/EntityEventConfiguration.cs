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
        builder.HasIndex(e => new { e.Evaluated, e.Id });
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.HasIndex(e => new { e.DirectorySync, e.Id });
        builder.HasIndex(e => e.ReceivedAt);
        builder.HasIndex(e => new { e.Identity, e.ReceivedAt, e.Id }); // a person's timeline
    }
}
