using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Infrastructure.Persistence.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add &lt;Name&gt; --context PostgresSwitchboardDbContext</c> build the PostgreSQL model
/// without a server (adding a migration never connects).
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresSwitchboardDbContext>
{
    public PostgresSwitchboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SwitchboardDbContext>().UseNpgsql("Host=localhost;Database=switchboard_design_time").Options);
}
