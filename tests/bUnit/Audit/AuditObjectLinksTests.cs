using Switchboard.Portal.Features.Audit;

namespace Switchboard.ComponentTests.Audit;

public sealed class AuditObjectLinksTests
{
    [Theory]
    [InlineData("person", "ada.admin", "/people/ada.admin")]
    [InlineData("envelope", "42", "/provisioning/envelopes/42")]
    [InlineData("message", "7", "/notifications/messages/7")]
    [InlineData("notification-configuration", "3", "/notifications/configurations/3")]
    [InlineData("topic", "identity:state-changed", "/notifications/topics/identity%3Astate-changed")]
    [InlineData("bridge", "helpdesk", "/chatops/bridges/helpdesk")]
    [InlineData("bridge-call", "9", "/chatops/9")]
    [InlineData("token-run", "12", "/mattermost-tokens?run=12")]
    [InlineData("job", "outbox-sender", "/jobs/outbox-sender")]
    [InlineData("listener", "exchange-1", "/listeners/exchange-1")]
    public void AnEntryAboutOneObject_LinksToThatObjectsPage(string objectType, string objectId, string expected) =>
        Assert.Equal(expected, AuditObjectLinks.Href(objectType, objectId));

    [Fact]
    public void ARetryOfSeveralCalls_LinksToTheCallLog() =>
        Assert.Equal("/chatops", AuditObjectLinks.Href("bridge-call", "3 calls"));

    [Theory]
    [InlineData("envelope", "3 envelopes")]
    [InlineData("message", "1,2,3")]
    [InlineData("endpoint", "/api/people")]
    [InlineData("person", null)]
    public void AnEntryAboutSeveralObjectsOrOneWithoutAPage_HasNoLink(string objectType, string? objectId) =>
        Assert.Null(AuditObjectLinks.Href(objectType, objectId));
}
