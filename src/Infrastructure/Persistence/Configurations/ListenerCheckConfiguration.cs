using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Listeners;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class ListenerCheckConfiguration : IEntityTypeConfiguration<ListenerCheck>
{
    public void Configure(EntityTypeBuilder<ListenerCheck> builder)
    {
        builder.ToTable("ListenerChecks");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Deployment).HasMaxLength(100);
        builder.Property(c => c.Body).HasMaxLength(ListenerCheck.BodyMaxLength);
        builder.Property(c => c.ListenerError).HasMaxLength(ListenerCheck.ErrorMaxLength);
        builder.Property(c => c.RedisError).HasMaxLength(ListenerCheck.ErrorMaxLength);
        builder.Property(c => c.CreatioError).HasMaxLength(ListenerCheck.ErrorMaxLength);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(10);
        // Covers a deployment's last day for its chart (8,640 checks at a 10 s interval), which otherwise reads as many table
        // pages: a deployment's rows lie between those of every other deployment.
        builder.HasIndex(c => new { c.Deployment, c.At, c.State, c.LatencyMilliseconds });
        builder.HasIndex(c => c.At);
    }
}
