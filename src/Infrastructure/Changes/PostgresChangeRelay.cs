using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Persistence.Postgres;

namespace Switchboard.Infrastructure.Changes;

/// <summary>
/// Carries the <see cref="ChangeFeed"/>'s notices between instances on PostgreSQL: what is published here is sent with
/// <c>NOTIFY</c> (already coalesced, so a burst is a few notifications), and a connection of its own <c>LISTEN</c>s for
/// the other instances' notices and hands them to the local subscribers. A lost connection is opened again with back-off;
/// after a reconnect every kind is delivered once, since notices may have been missed meanwhile. Idle on SQLite.
/// </summary>
public sealed partial class PostgresChangeRelay(
    ChangeFeed feed, IOptions<DatabaseOptions> options, TimeProvider time, ILogger<PostgresChangeRelay> logger) : BackgroundService
{
    /// <summary>The notification channel every instance listens on.</summary>
    public const string Channel = "switchboard_changes";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsPostgres)
        {
            return;
        }

        var settings = new NpgsqlConnectionStringBuilder(PostgresConnectionSettings.Apply(options.Value.ResolvedConnectionString))
        {
            // A connection that only waits sends a keep-alive now and then, so a dead server or proxy is noticed.
            KeepAlive = 15,
        };
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        try
        {
            await Task.WhenAll(ListenAsync(dataSource, stoppingToken), SendAsync(dataSource, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(NpgsqlDataSource dataSource, CancellationToken stoppingToken)
    {
        while (true)
        {
            var kinds = await feed.NextOutboundAsync(stoppingToken);
            try
            {
                await using var notify = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
                notify.Parameters.AddWithValue("channel", Channel);
                notify.Parameters.AddWithValue("payload", Payload(feed.InstanceId, kinds));
                await notify.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The other instances miss this notice; their pages catch up with the next one (or after their reconnect).
                LogSendFailed(logger, ex, kinds);
            }
        }
    }

    private async Task ListenAsync(NpgsqlDataSource dataSource, CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var connectedBefore = false;
        while (true)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notice) => Receive(notice.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (connectedBefore)
                {
                    LogReconnected(logger);
                    feed.Deliver(ChangeKind.All);
                }

                connectedBefore = true;
                retry = FirstRetry;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(logger, ex, retry);
                await Task.Delay(retry, time, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private void Receive(string payload)
    {
        if (Parse(payload) is { } notice && notice.Instance != feed.InstanceId)
        {
            feed.Deliver(notice.Kinds);
        }
    }

    internal static string Payload(Guid instance, ChangeKind kinds) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance:N}:{(int)kinds}");

    internal static (Guid Instance, ChangeKind Kinds)? Parse(string payload)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && Guid.TryParseExact(payload.AsSpan(0, colon), "N", out var instance)
            && int.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var kinds)
                ? (instance, (ChangeKind)kinds & ChangeKind.All)
                : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send a change notice about {Kinds} to the other instances")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, ChangeKind kinds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that listens for the other instances' change notices; trying again in {Retry}")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, TimeSpan retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for the other instances' change notices again")]
    private static partial void LogReconnected(ILogger logger);
}
