using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class EnvelopeActivityConfiguration : IEntityTypeConfiguration<EnvelopeActivity>
{
    public void Configure(EntityTypeBuilder<EnvelopeActivity> builder)
    {
        builder.ToTable("EnvelopeActivities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Text).HasMaxLength(EnvelopeActivity.TextMaxLength);
        builder.HasOne<ProvisioningEnvelope>().WithMany().HasForeignKey(a => a.EnvelopeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.EnvelopeId, a.At });
    }
}
