using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.ChatOps;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class BridgeConfiguration : IEntityTypeConfiguration<Bridge>
{
    private static readonly ValueComparer<IReadOnlyList<string>> WordComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, s) => HashCode.Combine(hash, s.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());

    public void Configure(EntityTypeBuilder<Bridge> builder)
    {
        builder.ToTable("Bridges");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Name).HasMaxLength(60);
        builder.HasIndex(b => b.Name).IsUnique();
        builder.Property(b => b.TriggerWords)
            .HasConversion(words => string.Join('\n', words), stored => stored.Split('\n', StringSplitOptions.RemoveEmptyEntries), WordComparer)
            .HasMaxLength(1000);
        builder.Property(b => b.GlpiUrl).HasMaxLength(500);
        builder.Property(b => b.TicketType).HasConversion<int>();
        builder.Property(b => b.SuccessReply).HasMaxLength(1000);
        builder.Property(b => b.FailureReply).HasMaxLength(1000);
    }
}
