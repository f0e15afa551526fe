using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications.DateWatches;

namespace Switchboard.UnitTests.Notifications;

/// <summary>How often the date job runs is a setting (<c>Notifications:DateWatch:Interval</c>).</summary>
public sealed class DateWatchScheduleTests
{
    [Fact]
    public void TheDateJob_RunsAtTheConfiguredInterval()
    {
        var registry = new JobRegistry();
        using var services = new ServiceCollection().BuildServiceProvider();
        using var job = new DateWatchJob(Options.Create(new DateWatchOptions { Interval = TimeSpan.FromMinutes(5) }), registry,
            services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<DateWatchJob>.Instance);

        Assert.Equal(TimeSpan.FromMinutes(5), registry.Find(DateWatchJob.Name)!.Descriptor.Interval);
    }
}
