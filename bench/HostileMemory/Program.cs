// Memory of the portal process after a hostile session (issue 13, item 23): starts the real portal on a fresh data
// folder with demo data, reads its resident memory (VmRSS), sends hostile requests on loopback (5 MB webhook and API
// bodies, thousands of wrong-token calls with distinct bridge and user names, thousands of accepted calls from distinct
// users), reads it right after and again after an idle pause, and reports the database growth. Repeats on fresh
// processes and prints the median of each figure.
// Run: dotnet build src/Portal -c Release && dotnet run -c Release --project bench/HostileMemory -- [runs] [idle seconds] [portal dll]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var idleSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
var root = FindRoot();
var dll = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(root, "src/Portal/bin/Release/net10.0/Switchboard.Portal.dll");

var results = new List<Figures>();
for (var run = 1; run <= runs; run++)
{
    var figures = await RunOnceAsync(dll, idleSeconds);
    Console.WriteLine(FormattableString.Invariant(
        $"run {run}: start {figures.Start:F0} MB, after {figures.After:F0} MB, idle {figures.Idle:F0} MB, database +{figures.DatabaseGrowth:F1} MB, answers {figures.Answers}"));
    results.Add(figures);
}

Console.WriteLine(FormattableString.Invariant(
    $"median of {runs}: start {Median(results.Select(r => r.Start)):F0} MB, after {Median(results.Select(r => r.After)):F0} MB, idle {Median(results.Select(r => r.Idle)):F0} MB, database +{Median(results.Select(r => r.DatabaseGrowth)):F1} MB"));
return 0;

static async Task<Figures> RunOnceAsync(string dll, int idleSeconds)
{
    var url = $"http://127.0.0.1:{FreePort()}";
    var data = Path.Combine(Path.GetTempPath(), $"switchboard-hostile-{Guid.NewGuid():N}");
    var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
    {
        WorkingDirectory = Path.GetDirectoryName(dll)!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
    start.Environment["Database__DataFolder"] = data;
    start.Environment["DemoData__Enabled"] = "true";
    start.Environment["Logging__LogLevel__Default"] = "Error";
    using var portal = Process.Start(start)!;
    portal.OutputDataReceived += (_, _) => { };
    portal.ErrorDataReceived += (_, _) => { };
    portal.BeginOutputReadLine();
    portal.BeginErrorReadLine();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
    try
    {
        await WaitUntilLiveAsync(http);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = RssMegabytes(portal);
        var database = DatabaseMegabytes(data);

        var answers = new Dictionary<int, int>();
        var big = new string('x', 5 * 1024 * 1024);
        var medium = new string('u', 20_000);

        // 5 MB bodies on the webhook (JSON and form) and on the machine API with a made-up key.
        await ManyAsync(answers, 20, 4, i => Hook(http, "helpdesk-112", Json("wrong", big, $"big-{i}")));
        await ManyAsync(answers, 10, 4, i => Send(http, HttpMethod.Post, "/hooks/mattermost/helpdesk-112",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "wrong", ["user_name"] = big, ["post_id"] = $"form-{i}" })));
        await ManyAsync(answers, 20, 4, i => Send(http, HttpMethod.Post, "/api/events", new StringContent($"[\"{big}\"]", Encoding.UTF8, "application/json"),
            ("X-Api-Key", $"sb_made_up_{i}")));

        // Thousands of wrong tokens with distinct bridge and user names, and accepted calls from distinct users.
        await ManyAsync(answers, 3_000, 8, i => Hook(http, i % 2 == 0 ? "helpdesk-112" : $"bridge-{i}-{Guid.NewGuid():N}", Json("wrong", $"{medium}{i}", $"wrong-{i}")));
        await ManyAsync(answers, 3_000, 8, i => Hook(http, "helpdesk-112", Json("demo-outgoing-webhook-token", $"user{i:D6}{Guid.NewGuid():N}", $"accepted-{i}", "112")));

        var after = RssMegabytes(portal);
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        var idle = RssMegabytes(portal);
        return new Figures(before, after, idle, DatabaseMegabytes(data) - database,
            string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}")));
    }
    finally
    {
        portal.Kill(entireProcessTree: true);
        await portal.WaitForExitAsync();
        Directory.Delete(data, recursive: true);
    }
}

static string Json(string token, string user, string postId, string text = "112 hello") =>
    JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token, ["user_name"] = user, ["post_id"] = postId, ["text"] = text });

static Task<int> Hook(HttpClient http, string bridge, string json) =>
    Send(http, HttpMethod.Post, $"/hooks/mattermost/{bridge}", new StringContent(json, Encoding.UTF8, "application/json"));

static async Task<int> Send(HttpClient http, HttpMethod method, string path, HttpContent content, params (string Name, string Value)[] headers)
{
    using var request = new HttpRequestMessage(method, path) { Content = content };
    foreach (var (name, value) in headers)
    {
        request.Headers.Add(name, value);
    }

    try
    {
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
    catch (HttpRequestException)
    {
        // The server may close the connection on a body it refused unread.
        return 0;
    }
}

static async Task ManyAsync(Dictionary<int, int> answers, int count, int parallel, Func<int, Task<int>> send)
{
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
    {
        var status = await send(i);
        lock (answers)
        {
            answers[status] = answers.GetValueOrDefault(status) + 1;
        }
    });
}

static async Task WaitUntilLiveAsync(HttpClient http)
{
    for (var attempt = 0; attempt < 1200; attempt++)
    {
        try
        {
            using var response = await http.GetAsync("/health/live");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(100);
    }

    throw new TimeoutException("The portal did not start within 2 minutes.");
}

static double RssMegabytes(Process process)
{
    var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}

static double DatabaseMegabytes(string folder) =>
    Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0 : 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Switchboard.slnx")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}

internal sealed record Figures(double Start, double After, double Idle, double DatabaseGrowth, string Answers);
