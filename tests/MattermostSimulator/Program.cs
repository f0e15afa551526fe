namespace Switchboard.MattermostSimulator;

/// <summary>
/// A Mattermost server for demos and tests: <c>dotnet run --project tests/MattermostSimulator -- --urls http://localhost:8065</c>.
/// Admin token <c>sim-admin-token</c> (or <c>--Simulator:AdminToken=…</c>); users matching some of the portal's demo people are seeded,
/// with the bot <c>switchboard-bot</c> (token <c>sim-bot-token</c>) and an incoming webhook <c>/hooks/simhookidentityalerts0000</c> to the channel <c>identity-alerts</c>.
/// </summary>
internal static class SimulatorProgram
{
    private static async Task Main(string[] args)
    {
        var state = new SimulatorState();
        var app = Simulator.Create(args, state);
        state.AdminToken = app.Configuration["Simulator:AdminToken"] ?? state.AdminToken;
        foreach (var username in new[] { "jan.novak", "petra.svobodova", "lucie.cerna", "pavel.benes", "marie.stastna", "richard.maly", "zuzana.holubova" })
        {
            state.AddUser(username, $"{username}@hospital.example");
        }

        state.AddBot("switchboard-bot", "sim-bot-token");
        state.AddHook("identity-alerts", "simhookidentityalerts0000");
        await app.RunAsync();
    }
}
