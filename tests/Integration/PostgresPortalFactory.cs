namespace Switchboard.IntegrationTests;

/// <summary>The portal of <see cref="PortalFactory"/> on PostgreSQL: a database of its own on the assembly's cluster.</summary>
public sealed class PostgresPortalFactory(PostgresServer postgres) : PortalFactory(postgres);
