// A Mattermost server for demos and tests: dotnet run --project tests/MattermostSimulator -- --urls http://localhost:8065
// Admin token: sim-admin-token (or --Simulator:AdminToken=...). A few users matching the portal's demo people are seeded.
using Switchboard.MattermostSimulator;

var state = new SimulatorState();
var app = Simulator.Create(args, state);
state.AdminToken = app.Configuration["Simulator:AdminToken"] ?? state.AdminToken;
foreach (var username in new[] { "jan.novak", "petra.svobodova", "lucie.cerna", "pavel.benes", "marie.stastna", "richard.maly", "zuzana.holubova" })
{
    state.AddUser(username, $"{username}@hospital.example");
}

await app.RunAsync();
