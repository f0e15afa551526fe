using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Persistence.Postgres;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// Hands out the configured provider's context type (<see cref="SwitchboardDbContext"/> on SQLite,
/// <see cref="PostgresSwitchboardDbContext"/> on PostgreSQL), so that each finds its own migrations.
/// </summary>
internal sealed class SwitchboardDbContextFactory(DbContextOptions<SwitchboardDbContext> options, IOptions<DatabaseOptions> database)
    : IDbContextFactory<SwitchboardDbContext>
{
    private readonly bool _postgres = database.Value.IsPostgres;

    public SwitchboardDbContext CreateDbContext() => _postgres ? new PostgresSwitchboardDbContext(options) : new SwitchboardDbContext(options);
}
