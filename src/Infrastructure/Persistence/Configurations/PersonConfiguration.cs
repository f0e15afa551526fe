using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.Persistence.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Username).HasMaxLength(Person.UsernameMaxLength);
        builder.Property(p => p.UsernameKey).HasMaxLength(Person.UsernameMaxLength);
        builder.Property(p => p.Email).HasMaxLength(Person.EmailMaxLength);
        builder.Property(p => p.FirstName).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.LastName).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.ExternalCode).HasMaxLength(Person.CodeMaxLength);
        builder.Property(p => p.State).HasMaxLength(Person.CodeMaxLength);
        builder.Property(p => p.FormProjection).HasMaxLength(Person.CodeMaxLength);
        builder.Property(p => p.SearchText).HasMaxLength(Person.SearchTextMaxLength);
        builder.Property(p => p.MattermostTokenProtected).HasMaxLength(2000);
        builder.Property(p => p.MattermostTokenId).HasMaxLength(64);
        builder.Property(p => p.MattermostUserId).HasMaxLength(64);

        builder.HasOne(p => p.Manager).WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Roles).WithMany(r => r.Members).UsingEntity("PersonRoles",
            right => right.HasOne(typeof(Role)).WithMany().HasForeignKey("RoleId").OnDelete(DeleteBehavior.Cascade),
            left => left.HasOne(typeof(Person)).WithMany().HasForeignKey("PersonId").OnDelete(DeleteBehavior.Cascade),
            join => join.HasIndex("RoleId", "PersonId"));
        builder.HasMany(p => p.Attributes).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);

        // The People grid pages by username within the usual filters; search looks at username, names and e-mail.
        builder.HasIndex(p => p.UsernameKey).IsUnique();
        // Covers the grid's default order and its search: SQLite walks this index in username order and reads the
        // table only for rows whose search text matches.
        builder.HasIndex(p => new { p.Deleted, p.UsernameKey, p.SearchText });
        builder.HasIndex(p => new { p.State, p.UsernameKey });
        builder.HasIndex(p => new { p.FormProjection, p.UsernameKey });
        builder.HasIndex(p => new { p.MattermostSyncEnabled, p.UsernameKey });
        builder.HasIndex(p => p.ManagerId);
        builder.HasIndex(p => p.Email);
        builder.HasIndex(p => p.MattermostUserId); // a ChatOps call links to its person
        builder.HasIndex(p => p.LastName);
    }
}
