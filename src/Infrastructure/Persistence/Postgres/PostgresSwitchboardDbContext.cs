using Microsoft.EntityFrameworkCore;

namespace Switchboard.Infrastructure.Persistence.Postgres;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (<c>Postgres/Migrations/</c>) are told
/// from SQLite's: EF Core picks the migrations whose <c>[DbContext]</c> names the context's type.
/// </summary>
public sealed class PostgresSwitchboardDbContext(DbContextOptions<SwitchboardDbContext> options) : SwitchboardDbContext(options);
