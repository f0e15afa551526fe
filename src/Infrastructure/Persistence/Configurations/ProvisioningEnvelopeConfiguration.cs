using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Persistence.Configurations;

/// <summary>
/// Every filter of the envelope list has an index that ends in the list's order (last seen, newest first), so the first
/// page is read from the index without sorting, even with a million envelopes.
/// </summary>
internal sealed class ProvisioningEnvelopeConfiguration : IEntityTypeConfiguration<ProvisioningEnvelope>
{
    private static readonly ValueComparer<IReadOnlyList<string>> TagComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, s) => HashCode.Combine(hash, s.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());

    public void Configure(EntityTypeBuilder<ProvisioningEnvelope> builder)
    {
        builder.ToTable("ProvisioningEnvelopes");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(12);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.CorrelationId).HasMaxLength(200);
        builder.Property(e => e.RoutingKey).HasMaxLength(255);
        builder.Property(e => e.ErrorType).HasMaxLength(20);
        builder.Property(e => e.ErrorName).HasMaxLength(200);
        builder.Property(e => e.GramAccountUuid).HasMaxLength(64);
        builder.Property(e => e.Email).HasMaxLength(320);
        builder.Property(e => e.GoogleId).HasMaxLength(64);
        builder.Property(e => e.ParseError).HasMaxLength(2000);
        builder.Property(e => e.AssignedTo).HasMaxLength(200);
        builder.Property(e => e.ResolvedBy).HasMaxLength(200);
        builder.Property(e => e.Tags)
            .HasConversion(tags => string.Join('\n', tags), stored => stored.Split('\n', StringSplitOptions.RemoveEmptyEntries), TagComparer)
            .HasMaxLength(1000);
        builder.HasOne<FailureGroup>().WithMany().HasForeignKey(e => e.GroupId).OnDelete(DeleteBehavior.SetNull);

        builder.HasIndex(e => e.CorrelationId).IsUnique();
        builder.HasIndex(e => new { e.LastSeenAt, e.Id });
        builder.HasIndex(e => new { e.GroupId, e.LastSeenAt, e.Id });
        builder.HasIndex(e => new { e.State, e.LastSeenAt, e.Id });
        builder.HasIndex(e => new { e.StatusCode, e.LastSeenAt, e.Id });
        builder.HasIndex(e => new { e.ErrorType, e.LastSeenAt, e.Id });
        builder.HasIndex(e => new { e.RoutingKey, e.LastSeenAt, e.Id });
        builder.HasIndex(e => new { e.State, e.GroupId, e.Archived }); // covers the open counts per group
        builder.HasIndex(e => new { e.GramAccountUuid, e.LastSeenAt, e.Id }); // the search box; a person's timeline, newest first
        builder.HasIndex(e => new { e.Email, e.LastSeenAt, e.Id });
        builder.HasIndex(e => new { e.GoogleId, e.LastSeenAt, e.Id });
    }
}
