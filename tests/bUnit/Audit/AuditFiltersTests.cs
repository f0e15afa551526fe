using Bunit;
using Switchboard.Infrastructure.Audit;
using Switchboard.Portal.Features.Audit;

namespace Switchboard.ComponentTests.Audit;

public sealed class AuditFiltersTests : ComponentTestContext
{
    private readonly List<AuditFilter> _raised = [];

    [Fact]
    public void TypingAUser_RaisesAFilterOnThatUser()
    {
        var filters = RenderFilters(new AuditFilter());

        var user = filters.InputLabelled("User");
        user.Input("ada");
        user.Blur();

        // The field is debounced: the filter arrives once the typing settles or the field loses focus.
        filters.WaitForAssertion(() => Assert.Equal(new AuditFilter(Actor: "ada"), _raised.LastOrDefault()));
    }

    [Fact]
    public void InitialFilter_FillsTheFields()
    {
        var filters = RenderFilters(new AuditFilter(ObjectType: "api-key", ObjectId: "42"));

        var values = filters.FindAll("input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("api-key", values);
        Assert.Contains("42", values);
    }

    [Fact]
    public void Clear_RaisesAnEmptyFilter()
    {
        var filters = RenderFilters(new AuditFilter(Actor: "ada", ObjectType: "session"));

        filters.Find("button[aria-label='Clear filters']").Click();

        Assert.Equal(new AuditFilter(), _raised.Last());
    }

    [Fact]
    public void HiddenActions_StayInTheFilter_WhenTheUserChanges_AndClearShowsThemAgain()
    {
        var filters = RenderFilters(new AuditFilter(Exclude: ["auth.sign-in"]), ["auth.sign-in", "person.updated"]);

        var user = filters.InputLabelled("User");
        user.Input("ada");
        user.Blur();
        filters.WaitForAssertion(() => Assert.Equal(["auth.sign-in"], _raised.LastOrDefault()?.Exclude ?? []));
        filters.Find("button[aria-label='Clear filters']").Click();

        // Click only queues the event while the text field's debounce timer holds the renderer, so the test waits for it.
        filters.WaitForAssertion(() => Assert.Null(_raised.Last().Exclude));
    }

    private IRenderedComponent<AuditFilters> RenderFilters(AuditFilter initial, IReadOnlyList<string>? actions = null) =>
        Render<AuditFilters>(p => p
            .Add(f => f.Initial, initial)
            .Add(f => f.Actions, actions ?? [])
            .Add(f => f.FilterChanged, (AuditFilter filter) => _raised.Add(filter)));
}
