using System.Globalization;

namespace Switchboard.Bench;

/// <summary>
/// A folder filled by bench/YearOfData (<c>--folder</c>): the SQLite database, the moment of the fill and its scale
/// (<c>bench-now.txt</c>), and the settings that start a portal on it as the fill implies: no demo data, and the Exchange
/// Listener deployments whose week of checks it holds, checked every 10 s (nobody answers at port 9, so the monitor keeps
/// probing and storing checks as a live portal would). bench/YearOfData fills and times it; bench/PortalFootprint's live
/// mode runs the portal process on it.
/// </summary>
internal sealed class YearOfDataFolder
{
    public const string DatabaseFile = "switchboard.db";
    private const string FillFile = "bench-now.txt";

    private YearOfDataFolder(string folder, DateTime filledAt, double scale) => (Folder, FilledAt, Scale) = (folder, filledAt, scale);

    public string Folder { get; }

    public string Database => Path.Combine(Folder, DatabaseFile);

    /// <summary>The fill's "now" (UTC): the year of data ends there.</summary>
    public DateTime FilledAt { get; }

    /// <summary>The fraction of the full year's row counts.</summary>
    public double Scale { get; }

    public int Deployments => DeploymentsAt(Scale);

    /// <summary>The filled folder, or null when <paramref name="folder"/> holds no finished fill.</summary>
    public static YearOfDataFolder? Open(string folder)
    {
        var file = Path.Combine(folder, FillFile);
        if (!File.Exists(file))
        {
            return null;
        }

        var saved = File.ReadAllLines(file);
        return new YearOfDataFolder(Path.GetFullPath(folder),
            DateTime.Parse(saved[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            double.Parse(saved[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Marks <paramref name="folder"/> as filled (written last, so a fill cut short leaves no mark).</summary>
    public static async Task<YearOfDataFolder> MarkFilledAsync(string folder, DateTime filledAt, double scale)
    {
        await File.WriteAllLinesAsync(Path.Combine(folder, FillFile), [filledAt.ToString("O", CultureInfo.InvariantCulture), scale.ToString(CultureInfo.InvariantCulture)]);
        return new YearOfDataFolder(Path.GetFullPath(folder), filledAt, scale);
    }

    /// <summary>How many Exchange Listener deployments a fill at <paramref name="scale"/> has checks for (200 at 1, at least 2).</summary>
    public static int DeploymentsAt(double scale) => Math.Max(2, (int)Math.Round(200 * scale));

    public static string Deployment(int index) => $"listener-{index:D3}";

    /// <summary>
    /// The portal's settings for a database in <paramref name="folder"/> with <paramref name="deployments"/> configured
    /// deployments (none while migrating a fresh one), as configuration keys (<c>Section:Key</c>).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> PortalSettings(string folder, int deployments)
    {
        yield return new("Database:DataFolder", folder);
        yield return new("DemoData:Enabled", "false");
        yield return new("ExchangeListeners:Interval", "00:00:10");
        yield return new("ExchangeListeners:Timeout", "00:00:05");
        for (var i = 0; i < deployments; i++)
        {
            yield return new($"ExchangeListeners:Deployments:{i}:Name", Deployment(i));
            yield return new($"ExchangeListeners:Deployments:{i}:ServiceUrl", "http://127.0.0.1:9");
        }
    }
}
