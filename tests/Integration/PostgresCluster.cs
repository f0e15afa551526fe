// One PostgreSQL cluster for the whole integration test assembly (tests/Shared/PostgresServer.cs).
[assembly: AssemblyFixture(typeof(Switchboard.Testing.PostgresServer))]
