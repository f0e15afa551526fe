using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Notifications;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.ToTable("Topics");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Code).HasMaxLength(Topic.CodeMaxLength);
        builder.Property(t => t.Description).HasMaxLength(Topic.DescriptionMaxLength);
        builder.Property(t => t.Subject).HasMaxLength(Topic.SubjectMaxLength);
        builder.Ignore(t => t.Email);
        builder.Ignore(t => t.Mattermost);
        builder.Ignore(t => t.Digest);
        builder.Property(t => t.DigestSubject).HasMaxLength(Topic.SubjectMaxLength);
        builder.HasIndex(t => t.Code).IsUnique();
    }
}
