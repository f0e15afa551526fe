using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfigurationConfiguration : IEntityTypeConfiguration<NotificationConfiguration>
{
    public void Configure(EntityTypeBuilder<NotificationConfiguration> builder)
    {
        builder.ToTable("NotificationConfigurations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.EntityType).HasMaxLength(50);
        builder.Property(c => c.EventType).HasMaxLength(10);
        builder.Property(c => c.FormProjection).HasMaxLength(50);
        builder.Property(c => c.System).HasMaxLength(100);
        builder.Property(c => c.Rule).HasMaxLength(NotificationConfiguration.RuleMaxLength);
        builder.Property(c => c.RuleScript).HasMaxLength(NotificationConfiguration.ScriptMaxLength);
        builder.Property(c => c.RecipientsScript).HasMaxLength(NotificationConfiguration.ScriptMaxLength);
        builder.Property(c => c.LastFailure).HasMaxLength(NotificationConfiguration.FailureMaxLength);
        builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.Description).HasMaxLength(500);
        builder.Property(c => c.RecipientUsernames).StoredSpaceSeparated(4000);
        builder.Property(c => c.RecipientRoles).StoredSpaceSeparated(4000);
        builder.Property(c => c.ProtectedWebhookUrl).HasMaxLength(NotificationConfiguration.ProtectedWebhookMaxLength);
        builder.Property(c => c.WebhookHint).HasMaxLength(NotificationConfiguration.WebhookHintMaxLength);
        builder.Ignore(c => c.Channels);
        builder.Ignore(c => c.Digest);
        builder.Ignore(c => c.WatchDate);
        builder.Property(c => c.WatchAttribute).HasMaxLength(Domain.Notifications.DateWatches.DateWatch.AttributeMaxLength);
        builder.Property(c => c.DigestCron).HasMaxLength(Domain.Notifications.Digests.DigestSchedule.CronMaxLength);
        builder.HasOne(c => c.Topic).WithMany().HasForeignKey(c => c.TopicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.EntityType, c.EventType, c.Disabled });
    }
}
