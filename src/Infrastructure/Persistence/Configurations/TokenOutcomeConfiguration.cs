using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Mattermost;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class TokenOutcomeConfiguration : IEntityTypeConfiguration<TokenOutcome>
{
    public void Configure(EntityTypeBuilder<TokenOutcome> builder)
    {
        builder.ToTable("TokenOutcomes");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Username).HasMaxLength(100);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Detail).HasMaxLength(TokenOutcome.DetailMaxLength);
        builder.HasOne<TokenRun>().WithMany().HasForeignKey(o => o.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.RunId, o.Kind });
        builder.HasIndex(o => new { o.PersonId, o.Id });
    }
}
