// Measures notification rule evaluation on one thread: parsed rules (parsed once, as the engine does) evaluated
// against realistic identity changes. Run: dotnet run -c Release --project bench/RuleEvaluation
using System.Diagnostics;
using Switchboard.Domain.Notifications.Rules;

string[] texts =
[
    "state:VALID->LEFT", "EAV:clinicCode:100->200", "EAV:supervisor:*->true", "email:*->null", "externalCode:CHANGED",
    "firstName:John->Johny", "disabled:false->true", "!",
];
var rules = texts.Select(t => RuleParser.Parse(t).Rule!).ToArray();
var changes = Enumerable.Range(0, 64).Select(i => new EntityChange(
    new Dictionary<string, string?> { ["state"] = i % 2 == 0 ? "VALID" : "DISABLED", ["email"] = $"u{i}@example.test", ["externalCode"] = $"P{i}", ["firstName"] = "John", ["disabled"] = "false" },
    new Dictionary<string, string?> { ["state"] = i % 3 == 0 ? "LEFT" : "VALID", ["email"] = i % 5 == 0 ? null : $"u{i}@example.test", ["externalCode"] = $"P{i + (i % 4 == 0 ? 1 : 0)}", ["firstName"] = i % 7 == 0 ? "Johny" : "John", ["disabled"] = i % 3 == 0 ? "true" : "false" },
    new Dictionary<string, string?> { ["clinicCode"] = "100", ["supervisor"] = "false" },
    new Dictionary<string, string?> { ["clinicCode"] = i % 2 == 0 ? "200" : "100", ["supervisor"] = i % 2 == 0 ? "true" : "false" })).ToArray();

var fired = 0L;
for (var warm = 0; warm < 1_000_000; warm++)
{
    fired += rules[warm % rules.Length].Matches(changes[warm % changes.Length]) ? 1 : 0;
}

const int Evaluations = 20_000_000;
fired = 0;
var clock = Stopwatch.StartNew();
for (var i = 0; i < Evaluations; i++)
{
    if (rules[i & 7].Matches(changes[(i >> 3) & 63]))
    {
        fired++;
    }
}

clock.Stop();
Console.WriteLine($"{Evaluations:N0} rule evaluations in {clock.Elapsed.TotalMilliseconds:F0} ms on one thread: " +
    $"{Evaluations / clock.Elapsed.TotalSeconds / 1e6:F1} million per second ({fired:N0} fired)");
