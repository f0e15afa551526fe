using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Bench.PortalFootprint;

/// <summary>
/// What the bench changes in the portal's SQLite database beside the running portal, with the <c>sqlite3</c> shell (on
/// the PATH): the API key its writer uses, and, on a year-of-data database, the jobs the fill paused.
/// </summary>
internal sealed class PortalDatabase(string database)
{
    /// <summary>
    /// The jobs the fill pauses that act on what the burst writes: the events' evaluation and identity sync, the senders
    /// of what evaluation queues, the ChatOps retry (they all run on demo data). database-maintenance,
    /// provisioning-retention and token-regeneration stay paused: their first run would work through the whole filled
    /// year at once (clean-up, retention, a token run over every person), which is not the load being measured.
    /// </summary>
    private static readonly string[] EventPathJobs = ["notification-evaluation", "identity-event-sync", "outbox-sender", "mattermost-sender", "chatops-retry"];

    /// <summary>
    /// A new key with the events:write scope and a secret we know (the portal reads keys per request, so it works while
    /// the portal runs); its prefix, to remove it with <see cref="RemoveKeyAsync"/>.
    /// </summary>
    public async Task<(string Secret, string Prefix)> AddEventsKeyAsync()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = $"sbk_{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

        // EF stores a Guid as upper-case text and a DateTime as "yyyy-MM-dd HH:mm:ss.FFFFFFF" on SQLite.
        var id = Guid.CreateVersion7().ToString("D").ToUpperInvariant();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        await RunAsync("INSERT INTO ApiKeys (Id, Name, Prefix, SecretHash, Scopes, CreatedAt, CreatedBy) "
            + $"VALUES ('{id}', 'PortalFootprint live bench', '{prefix}', '{hash}', 'events:write', '{now}', 'bench');");
        return (secret, prefix);
    }

    public Task RemoveKeyAsync(string prefix) => RunAsync($"DELETE FROM ApiKeys WHERE Prefix = '{prefix}';");

    /// <summary>Resumes those of <see cref="EventPathJobs"/> that are paused (call before the portal starts); returns them.</summary>
    public async Task<IReadOnlyList<string>> ResumeEventPathJobsAsync()
    {
        var paused = (await RunAsync($"SELECT JobName FROM JobSettings WHERE Paused = 1 AND JobName IN ({Quoted(EventPathJobs)});"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (paused.Length > 0)
        {
            await RunAsync($"UPDATE JobSettings SET Paused = 0 WHERE JobName IN ({Quoted(paused)});");
        }

        return paused;
    }

    /// <summary>Pauses <paramref name="jobs"/> again (after the portal stopped).</summary>
    public async Task PauseAsync(IReadOnlyList<string> jobs)
    {
        if (jobs.Count > 0)
        {
            await RunAsync($"UPDATE JobSettings SET Paused = 1 WHERE JobName IN ({Quoted(jobs)});");
        }
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private async Task<string> RunAsync(string sql)
    {
        var start = new ProcessStartInfo("sqlite3", [database, ".timeout 120000", sql]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var sqlite = Process.Start(start)!;
        var output = sqlite.StandardOutput.ReadToEndAsync();
        var error = sqlite.StandardError.ReadToEndAsync();
        await sqlite.WaitForExitAsync();
        if (sqlite.ExitCode != 0)
        {
            throw new InvalidOperationException($"sqlite3 failed: {await error}");
        }

        return await output;
    }
}
