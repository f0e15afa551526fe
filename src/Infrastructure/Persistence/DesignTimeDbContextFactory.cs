using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the portal.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SwitchboardDbContext>
{
    public SwitchboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SwitchboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
