using Switchboard.Domain.Text;

namespace Switchboard.UnitTests.Text;

public sealed class PluralTests
{
    [Theory]
    [InlineData(0, "0 envelopes")]
    [InlineData(1, "1 envelope")]
    [InlineData(2, "2 envelopes")]
    [InlineData(1204, "1,204 envelopes")]
    public void RegularNoun_TakesAnSExceptForOne(long count, string expected) =>
        Assert.Equal(expected, Plural.Of(count, "envelope"));

    [Theory]
    [InlineData(1, "1 person")]
    [InlineData(0, "0 people")]
    [InlineData(21, "21 people")]
    public void IrregularNoun_UsesTheGivenPlural(long count, string expected) =>
        Assert.Equal(expected, Plural.Of(count, "person", "people"));

    [Fact]
    public void Noun_WithoutTheCount_FollowsTheSameRule()
    {
        Assert.Equal("failed call", Plural.Noun(1, "failed call"));
        Assert.Equal("entries", Plural.Noun(3, "entry", "entries"));
    }
}
