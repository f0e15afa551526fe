using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class FailureGroupConfiguration : IEntityTypeConfiguration<FailureGroup>
{
    public void Configure(EntityTypeBuilder<FailureGroup> builder)
    {
        builder.ToTable("FailureGroups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Key).HasMaxLength(500);
        builder.Property(g => g.Title).HasMaxLength(250);
        builder.Property(g => g.RoutingKey).HasMaxLength(255);
        builder.HasIndex(g => g.Key).IsUnique();
    }
}
