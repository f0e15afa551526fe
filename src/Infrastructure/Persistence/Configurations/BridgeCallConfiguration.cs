using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.ChatOps;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class BridgeCallConfiguration : IEntityTypeConfiguration<BridgeCall>
{
    public void Configure(EntityTypeBuilder<BridgeCall> builder)
    {
        builder.ToTable("BridgeCalls");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.PostId).HasMaxLength(100);
        builder.Property(c => c.UserName).HasMaxLength(100);
        builder.Property(c => c.UserId).HasMaxLength(100);
        builder.Property(c => c.ChannelName).HasMaxLength(200);
        builder.Property(c => c.TeamDomain).HasMaxLength(200);
        builder.Property(c => c.TriggerWord).HasMaxLength(100);
        builder.Property(c => c.Text).HasMaxLength(BridgeCall.TextMaxLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.ErrorCode).HasMaxLength(100);
        builder.Property(c => c.ErrorMessage).HasMaxLength(BridgeCall.ErrorMaxLength);
        builder.HasOne<Bridge>().WithMany().HasForeignKey(c => c.BridgeId).OnDelete(DeleteBehavior.Cascade);

        // One call per Mattermost post: the post id is the idempotency key.
        builder.HasIndex(c => new { c.BridgeId, c.PostId }).IsUnique();
        builder.HasIndex(c => new { c.Status, c.NextAttemptAt });
        builder.HasIndex(c => new { c.BridgeId, c.ReceivedAt });
        builder.HasIndex(c => c.ReceivedAt);
        builder.HasIndex(c => c.PostId); // the app bar's search
        builder.HasIndex(c => c.TicketId);
        builder.HasIndex(c => new { c.UserName, c.ReceivedAt });
        builder.HasIndex(c => new { c.UserId, c.ReceivedAt }); // a person's timeline, by Mattermost user id
    }
}
