using Switchboard.Domain.Text;

namespace Switchboard.UnitTests.Text;

public sealed class PeriodTests
{
    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(18 * 60, "18 min")]
    [InlineData(5 * 3600, "5 h")]
    [InlineData(24 * 3600, "24 h")]
    [InlineData(2.5 * 86400, "2.5 days")]
    [InlineData(7 * 86400, "7 days")]
    public void Of_WritesTheSpanInTheUnitAPersonReadsIt(double seconds, string expected) =>
        Assert.Equal(expected, Period.Of(TimeSpan.FromSeconds(seconds)));
}
