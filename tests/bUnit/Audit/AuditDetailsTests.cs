using Bunit;
using Switchboard.Portal.Features.Audit;

namespace Switchboard.ComponentTests.Audit;

public sealed class AuditDetailsTests : ComponentTestContext
{
    private const string Diff = """{"state":{"before":"VALID","after":"LEFT"}}""";

    [Fact]
    public void ADifference_ReadsAsSentences_WithTheRawJsonFoldedAway()
    {
        var details = Render<AuditDetails>(p => p.Add(c => c.Details, Diff));

        Assert.Equal("changed State from VALID to LEFT", details.Find("[aria-label='Changes'] div").TextContent);
        Assert.Empty(details.FindAll("[aria-label='Raw JSON']"));
    }

    [Fact]
    public void OneClick_ShowsTheRawJson()
    {
        var details = Render<AuditDetails>(p => p.Add(c => c.Details, Diff));

        details.Find("button").Click();

        Assert.Equal(Diff, details.Find("[aria-label='Raw JSON']").TextContent);
        Assert.Equal("true", details.Find("button").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void FreeTextDetails_AreShownAsTheyAre() =>
        Assert.Equal("3 envelopes rerun", Render<AuditDetails>(p => p.Add(c => c.Details, "3 envelopes rerun")).Find(".audit-details").TextContent);
}
