using Switchboard.Infrastructure.Notifications;

namespace Switchboard.UnitTests.Notifications;

/// <summary>The backtest's quick look may only err towards "changed": an event it skips must be one no rule on those attributes fires on.</summary>
public sealed class WatchedChangeTests
{
    private const string Valid = """{"attributes":{"state":"VALID","firstName":"A"},"eav":{"clinicCode":"1"}}""";

    [Fact]
    public void SameValue_OtherAttributesChanged_IsNoChange() =>
        Assert.False(new WatchedChange(["state"]).Any(Valid, """{"attributes":{"firstName":"B","state":"VALID"},"eav":{"clinicCode":"2"}}"""));

    [Fact]
    public void DifferentValue_IsAChange() =>
        Assert.True(new WatchedChange(["state"]).Any(Valid, """{"attributes":{"state":"LEFT"}}"""));

    [Fact]
    public void ExtendedAttribute_IsLookedUpUnderEav() =>
        Assert.True(new WatchedChange(["EAV:clinicCode"]).Any(Valid, """{"attributes":{"state":"VALID"},"eav":{"clinicCode":"2"}}"""));

    [Theory]
    [InlineData(null)] // CREATE: no before
    [InlineData("""{"attributes":{}}""")] // missing on one side
    [InlineData("""{"attributes":{"state":1}}""")] // another kind of value
    [InlineData("""{"attributes":{"state":{"nested":true}}}""")] // an object: left to the evaluator
    [InlineData("""not json""")]
    public void AnythingElse_CountsAsAChange(string? before) =>
        Assert.True(new WatchedChange(["state"]).Any(before, """{"attributes":{"state":"VALID"}}"""));

    [Fact]
    public void MissingOnBothSides_IsNoChange() =>
        Assert.False(new WatchedChange(["state", "EAV:clinicCode"]).Any("""{"attributes":{}}""", """{"eav":{}}"""));

    [Fact]
    public void EscapedName_MatchesItsText() =>
        Assert.False(new WatchedChange(["state"]).Any("""{"attributes":{"st\u0061te":"VALID"}}""", """{"attributes":{"state":"VALID"}}"""));
}
