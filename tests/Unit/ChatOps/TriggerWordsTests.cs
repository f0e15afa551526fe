using Switchboard.Domain.ChatOps;

namespace Switchboard.UnitTests.ChatOps;

public sealed class TriggerWordsTests
{
    private static readonly string[] Triggers = ["112", "helpdesk"];

    [Theory]
    [InlineData("112 printer jammed", "112", "printer jammed")]
    [InlineData("112 ", "112", "")]
    [InlineData("  112   printer   ", "112", "printer")]
    [InlineData("112", "112", "")]
    [InlineData("helpdesk need a laptop", "helpdesk", "need a laptop")]
    [InlineData("HELPDESK need a laptop", "helpdesk", "need a laptop")]
    public void TheMatchedTriggerWord_IsRemovedWhole(string text, string trigger, string remainder) =>
        Assert.Equal((trigger, remainder), TriggerWords.Strip(text, Triggers));

    [Fact]
    public void AWordThatOnlyStartsLikeATrigger_IsNotStripped() =>
        Assert.Equal((null, "1123 is my extension"), TriggerWords.Strip("1123 is my extension", Triggers));

    [Fact]
    public void TheLongestTriggerWins() =>
        Assert.Equal(("#help-it", "screen"), TriggerWords.Strip("#help-it screen", ["#help", "#help-it"]));

    [Fact]
    public void TriggerWordsFromAForm_AreSplitOnCommasAndSpaces() =>
        Assert.Equal(["112", "helpdesk", "#it"], TriggerWords.Parse(" 112, helpdesk\n#it 112"));
}
