using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Notifications;
using Switchboard.Domain.Notifications.Digests;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class DigestItemConfiguration : IEntityTypeConfiguration<DigestItem>
{
    public void Configure(EntityTypeBuilder<DigestItem> builder)
    {
        builder.ToTable("DigestItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Topic).HasMaxLength(Topic.CodeMaxLength);
        builder.Property(i => i.Level).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.RecipientEmail).HasMaxLength(254);
        builder.Property(i => i.RecipientUsername).HasMaxLength(100);

        // The digest job's look for waiting items per configuration and recipient; a digest's page lists the changes it carried.
        builder.HasIndex(i => new { i.OutboxMessageId, i.ConfigurationId, i.RecipientEmail, i.EventId });
        builder.HasIndex(i => i.EventId);
    }
}
