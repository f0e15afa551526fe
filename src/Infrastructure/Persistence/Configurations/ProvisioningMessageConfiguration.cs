using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Provisioning;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class ProvisioningMessageConfiguration : IEntityTypeConfiguration<ProvisioningMessage>
{
    public void Configure(EntityTypeBuilder<ProvisioningMessage> builder)
    {
        builder.ToTable("ProvisioningMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.DedupeKey).HasMaxLength(200);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.CorrelationId).HasMaxLength(200);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Outcome).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.RoutingKey).HasMaxLength(255);
        builder.Property(m => m.ReplyTo).HasMaxLength(255);
        builder.Property(m => m.AppId).HasMaxLength(255);
        builder.Property(m => m.SoaVersion).HasMaxLength(10);
        builder.Property(m => m.ErrorType).HasMaxLength(20);
        builder.Property(m => m.ErrorName).HasMaxLength(200);
        builder.Property(m => m.GramAccountUuid).HasMaxLength(64);
        builder.Property(m => m.Email).HasMaxLength(320);
        builder.Property(m => m.GoogleId).HasMaxLength(64);
        builder.Property(m => m.RerunBy).HasMaxLength(200);
        // Every index costs the capture a write per message: the ones only some messages need hold only those (partial
        // indexes; a query's own condition, e.g. "Kind" = 'Request', lets both databases use them). Nothing looks a
        // message up by its correlation id (replies find their request by its message id).
        builder.HasIndex(m => m.DedupeKey).IsUnique();
        builder.HasIndex(m => m.ReceivedAt);

        // The capture finds a reply's request (and a rerun's) by message id.
        builder.HasIndex(m => m.MessageId).HasFilter("\"Kind\" = 'Request'");

        // An envelope's timeline; most messages belong to none.
        builder.HasIndex(m => new { m.EnvelopeId, m.Id }).HasFilter("\"EnvelopeId\" IS NOT NULL");

        // "Has this account succeeded since?" before a rerun.
        builder.HasIndex(m => new { m.GramAccountUuid, m.Outcome, m.ReceivedAt }).HasFilter("\"Outcome\" = 'Success'");
    }
}
