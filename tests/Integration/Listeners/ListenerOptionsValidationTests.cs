using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Infrastructure;
using Switchboard.Infrastructure.Listeners;

namespace Switchboard.IntegrationTests.Listeners;

public sealed class ListenerOptionsValidationTests
{
    [Theory]
    [InlineData("00:00:30", "00:00:30")]
    [InlineData("00:00:30", "00:01:00")]
    public void TimeoutNotShorterThanInterval_IsRefusedNamingTheKeys(string interval, string timeout)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Options(interval, timeout));

        Assert.Contains(failure.Failures, f => f.Contains("ExchangeListeners:Interval", StringComparison.Ordinal)
            && f.Contains("Timeout", StringComparison.Ordinal) && f.Contains("shorter than the interval", StringComparison.Ordinal));
    }

    [Fact]
    public void TimeoutShorterThanInterval_Passes() => Assert.Equal(TimeSpan.FromSeconds(5), Options("00:00:30", "00:00:05").Timeout);

    private static ListenerOptions Options(string interval, string timeout)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExchangeListeners:Interval"] = interval,
            ["ExchangeListeners:Timeout"] = timeout,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddInfrastructure(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ListenerOptions>>().Value;
    }
}
