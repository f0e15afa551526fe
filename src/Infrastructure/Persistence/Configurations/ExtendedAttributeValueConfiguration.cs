using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class ExtendedAttributeValueConfiguration : IEntityTypeConfiguration<ExtendedAttributeValue>
{
    public void Configure(EntityTypeBuilder<ExtendedAttributeValue> builder)
    {
        builder.ToTable("PersonAttributes");
        builder.HasKey(a => new { a.PersonId, a.Code });
        builder.Property(a => a.Code).HasMaxLength(ExtendedAttributeValue.CodeMaxLength);
        builder.Property(a => a.Value).HasMaxLength(ExtendedAttributeValue.ValueMaxLength);
        builder.HasIndex(a => new { a.Code, a.Value });
    }
}
