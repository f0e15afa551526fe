namespace Switchboard.ProvisioningSimulator;

/// <summary>
/// Runs the simulated daemon until stopped: <c>--amqp amqp://guest:guest@127.0.0.1:5672/</c> and any number of
/// <c>--plan account=answer,answer</c> (answers as in <see cref="Answer.Parse"/>), e.g.
/// <c>--plan jean.dupont@gadz.org=hardfail:409:GoogleAccountAlreadyRegisteredInGram,success</c>.
/// </summary>
public static class SimulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        string? amqp = null;
        var plans = new List<(string Account, Answer[] Answers)>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--amqp":
                    amqp = args[i + 1];
                    break;
                case "--plan":
                    var (account, answers) = (args[i + 1].Split('=', 2)[0], args[i + 1].Split('=', 2)[1]);
                    plans.Add((account, answers.Split(',').Select(Answer.Parse).ToArray()));
                    break;
            }
        }

        if (amqp is null)
        {
            await Console.Error.WriteLineAsync("usage: --amqp <uri> [--plan account=answer,answer]...");
            return 2;
        }

        await using var simulator = await DaemonSimulator.StartAsync(amqp);
        foreach (var (account, answers) in plans)
        {
            simulator.Plan(account, answers);
        }

        Console.WriteLine("provisioning daemon simulator ready");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        return 0;
    }
}
