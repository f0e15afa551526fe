using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.Access;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> builder)
    {
        builder.ToTable("PortalSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(PortalSession.IdMaxLength);
        builder.Property(s => s.UserName).HasMaxLength(PortalSession.UserNameMaxLength);
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.IpAddress).HasMaxLength(PortalSession.AddressMaxLength);
        builder.Property(s => s.EndedBy).HasMaxLength(PortalSession.UserNameMaxLength);

        // The Sessions page lists the sessions still open; maintenance deletes those long over.
        builder.HasIndex(s => new { s.EndedAt, s.ExpiresAt });
        builder.HasIndex(s => s.UserName);
    }
}
