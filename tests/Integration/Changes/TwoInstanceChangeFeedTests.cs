using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Changes;

namespace Switchboard.IntegrationTests.Changes;

/// <summary>Two portal instances on one PostgreSQL database: a change committed on one reaches the other's subscribers (LISTEN/NOTIFY).</summary>
public sealed class TwoInstanceChangeFeedTests(PostgresPortalFactory portal) : IClassFixture<PostgresPortalFactory>, IAsyncLifetime
{
    private readonly List<WebApplicationFactory<Program>> _instances = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var instance = portal.WithWebHostBuilder(_ => { });
            _ = instance.Server; // starts the host: the migrator, and the listening connection
            _instances.Add(instance);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AuditWrittenOnA_ReachesASubscriberOnB()
    {
        var seenOnB = new ConcurrentQueue<ChangeKind>();
        using var subscription = _instances[1].Services.GetRequiredService<IChangeFeed>().Subscribe(ChangeKind.AuditEntry, seenOnB.Enqueue);

        // B's listening connection may still be opening: write again until B hears one (each write is a new notice).
        await Eventually.TrueAsync("B hearing A's audit notice", async () =>
        {
            await _instances[0].Services.GetRequiredService<IAuditLog>()
                .WriteAsync(new AuditRecord(Actor.User("twin.feed"), AuditActions.SignIn, "session", "twin.feed"), Ct);
            return seenOnB.Contains(ChangeKind.AuditEntry);
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }
}
