using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Mattermost;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class TokenRunConfiguration : IEntityTypeConfiguration<TokenRun>
{
    public void Configure(EntityTypeBuilder<TokenRun> builder)
    {
        builder.ToTable("TokenRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.TriggeredBy).HasMaxLength(200);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(TokenRun.ReasonMaxLength);
        builder.Property(r => r.CancelRequestedBy).HasMaxLength(200);
        builder.HasIndex(r => r.StartedAt);
    }
}
