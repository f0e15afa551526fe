using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Listeners;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class ListenerCheckHourConfiguration : IEntityTypeConfiguration<ListenerCheckHour>
{
    public void Configure(EntityTypeBuilder<ListenerCheckHour> builder)
    {
        builder.ToTable("ListenerCheckHours");
        builder.HasKey(h => new { h.Deployment, h.Hour });
        builder.Property(h => h.Deployment).HasMaxLength(100);
        builder.HasIndex(h => h.Hour);
    }
}
