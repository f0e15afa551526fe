using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Notifications.DateWatches;
using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class PlannedNotificationConfiguration : IEntityTypeConfiguration<PlannedNotification>
{
    public void Configure(EntityTypeBuilder<PlannedNotification> builder)
    {
        builder.ToTable("PlannedNotifications");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Identity).HasMaxLength(Person.UsernameMaxLength);
        builder.Property(p => p.IdentityKey).HasMaxLength(Person.UsernameMaxLength);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Note).HasMaxLength(PlannedNotification.NoteMaxLength);

        // One row per configuration, person and date value: the same date never fires twice.
        builder.HasIndex(p => new { p.ConfigurationId, p.IdentityKey, p.DateValue }).IsUnique();

        // The firing job's look for due rows; a configuration's and a person's Coming up lists, soonest first.
        builder.HasIndex(p => new { p.Status, p.FireOn, p.Id });
        builder.HasIndex(p => new { p.ConfigurationId, p.Status, p.FireOn, p.Id });
        builder.HasIndex(p => new { p.IdentityKey, p.Status, p.FireOn, p.Id });
    }
}
