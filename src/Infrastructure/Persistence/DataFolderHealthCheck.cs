using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// Readiness of the storage under the database: the data folder accepts a write and its disk has at least
/// <see cref="DatabaseOptions.MinimumFreeSpaceMegabytes"/> free. A full or read-only disk fails every change while
/// the database itself still opens, so <see cref="DatabaseHealthCheck"/> alone would say Healthy. SQLite only: on PostgreSQL
/// the server watches its own storage.
/// </summary>
internal sealed class DataFolderHealthCheck(IOptions<DatabaseOptions> options) : IHealthCheck
{
    private const long Megabyte = 1024 * 1024;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.IsPostgres)
        {
            return HealthCheckResult.Healthy("Not used: the database is PostgreSQL");
        }

        var folder = settings.ResolvedDataFolder;
        if (await DataFolderProbe.TryWriteAsync(folder, cancellationToken) is { } problem)
        {
            return HealthCheckResult.Unhealthy($"The data folder does not accept writes: {problem}");
        }

        if (settings.MinimumFreeSpaceMegabytes > 0)
        {
            var free = new DriveInfo(folder).AvailableFreeSpace / Megabyte;
            if (free < settings.MinimumFreeSpaceMegabytes)
            {
                return HealthCheckResult.Unhealthy(
                    $"{free} MB free on the data folder's disk, below {DatabaseOptions.SectionName}:MinimumFreeSpaceMegabytes ({settings.MinimumFreeSpaceMegabytes} MB)");
            }
        }

        return HealthCheckResult.Healthy("Data folder writable");
    }
}
