using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Events;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class RejectedEventConfiguration : IEntityTypeConfiguration<RejectedEvent>
{
    public void Configure(EntityTypeBuilder<RejectedEvent> builder)
    {
        builder.ToTable("RejectedEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Source).HasMaxLength(200);
        builder.Property(e => e.Reason).HasMaxLength(RejectedEvent.ReasonMaxLength);
        builder.HasIndex(e => e.ReceivedAt);
    }
}
