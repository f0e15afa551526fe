using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Listeners;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class DeploymentStatusConfiguration : IEntityTypeConfiguration<DeploymentStatus>
{
    public void Configure(EntityTypeBuilder<DeploymentStatus> builder)
    {
        builder.ToTable("ListenerDeploymentStatuses");
        builder.HasKey(s => s.Deployment);
        builder.Property(s => s.Deployment).HasMaxLength(100);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(10);
    }
}
