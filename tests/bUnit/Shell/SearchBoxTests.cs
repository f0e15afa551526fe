using Switchboard.Infrastructure.Search;
using Switchboard.Portal.Components.Layout;

namespace Switchboard.ComponentTests.Shell;

public sealed class SearchBoxTests
{
    [Theory]
    [InlineData(SearchHitKind.Person, "ada.admin", "/people/ada.admin")]
    [InlineData(SearchHitKind.Envelope, "42", "/provisioning/envelopes/42")]
    [InlineData(SearchHitKind.Configuration, "3", "/notifications/configurations/3")]
    [InlineData(SearchHitKind.Topic, "identity:left", "/notifications/topics/identity%3Aleft")]
    [InlineData(SearchHitKind.ChatOpsCall, "77", "/chatops/77")]
    [InlineData(SearchHitKind.Message, "5", "/notifications/messages/5")]
    public void AHit_OpensItsObjectsOwnPage(SearchHitKind kind, string key, string expected) =>
        Assert.Equal(expected, SearchBox.LinkTo(new SearchHit(kind, key, "title", null)));

    [Fact]
    public void EveryKindOfHit_HasAPageOfItsOwn() =>
        Assert.All(Enum.GetValues<SearchHitKind>(), kind => Assert.NotEqual(Portal.PageRoutes.Dashboard, SearchBox.LinkTo(new SearchHit(kind, "1", "title", null))));
}
