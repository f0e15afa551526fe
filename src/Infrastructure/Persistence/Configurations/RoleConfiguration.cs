using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.ToTable("Roles");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Code).HasMaxLength(Role.CodeMaxLength);
        builder.Property(r => r.Name).HasMaxLength(Role.NameMaxLength);
        builder.HasIndex(r => r.Code).IsUnique();
    }
}
