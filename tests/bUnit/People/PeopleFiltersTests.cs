using Bunit;
using MudBlazor;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Features.People;

namespace Switchboard.ComponentTests.People;

public sealed class PeopleFiltersTests : ComponentTestContext
{
    private static readonly PeopleFilterOptions Options = new(
        ["LEFT", "VALID"], ["employee", "externist"], [new RoleSummary("nurses", "Nurses", 3), new RoleSummary("doctors", "Doctors", 2)]);

    private readonly List<PeopleQuery> _raised = [];

    [Fact]
    public void Searching_RaisesAQueryWithTheTrimmedTerm()
    {
        var filters = RenderFilters(new PeopleQuery());
        var search = filters.InputLabelled("Search");

        search.Input("  novak ");
        search.Blur();

        // The field is debounced: the query arrives once the typing settles or the field loses focus.
        filters.WaitForAssertion(() => Assert.Equal(new PeopleQuery(Query: "novak"), _raised.LastOrDefault()));
    }

    [Fact]
    public async Task ChoosingARole_KeepsTheOtherFilters()
    {
        var filters = RenderFilters(new PeopleQuery(State: "VALID"));
        var role = filters.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Role");

        await filters.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync("nurses"));

        Assert.Equal(new PeopleQuery(State: "VALID", Role: "nurses"), _raised.Last());
    }

    [Theory]
    [InlineData("Chat sync", "on", true, null)]
    [InlineData("Chat sync", "off", false, null)]
    [InlineData("Token", "has", null, true)]
    [InlineData("Token", "missing", null, false)]
    public async Task SyncAndTokenChoices_BecomeTriStateFlags(string label, string choice, bool? sync, bool? token)
    {
        var filters = RenderFilters(new PeopleQuery());
        var select = filters.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == label);

        await filters.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(choice));

        Assert.Equal(new PeopleQuery(SyncEnabled: sync, HasToken: token), _raised.Last());
    }

    [Fact]
    public void InitialRole_FromTheRolesPageLink_IsSelected()
    {
        var filters = RenderFilters(new PeopleQuery(Role: "doctors"));

        var role = filters.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Role");
        Assert.Contains(role.FindAll("input"), i => string.Equals(i.GetAttribute("value"), "doctors", StringComparison.OrdinalIgnoreCase));
    }

    private IRenderedComponent<PeopleFilters> RenderFilters(PeopleQuery initial) =>
        Render<PeopleFilters>(p => p
            .Add(f => f.Initial, initial)
            .Add(f => f.Options, Options)
            .Add(f => f.FilterChanged, (PeopleQuery query) => _raised.Add(query)));
}
