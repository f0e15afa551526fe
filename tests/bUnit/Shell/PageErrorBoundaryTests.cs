using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Access;
using Switchboard.Infrastructure.Incidents;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Infrastructure.Search;
using Switchboard.Portal.Components.Layout;

namespace Switchboard.ComponentTests.Shell;

/// <summary>A page that throws in the layout: a visible error with a way to go on, never a silently dead page.</summary>
public sealed class PageErrorBoundaryTests : ComponentTestContext
{
    public PageErrorBoundaryTests()
    {
        // The layout's incident strip reads what needs attention from a database of its own.
        Services.AddSingleton(TimeProvider.System);
        Services.AddAuditedDatabase(Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db"));
        Services.AddSingleton<JobRegistry>();
        Services.AddSingleton<IncidentReader>();
        Services.AddScoped<PortalSearch>();
    }

    private IRenderedComponent<MainLayout> RenderLayoutWith<TPage>()
        where TPage : IComponent
    {
        SignInAs("otto.operator", PortalRole.Operator);
        using (var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext())
        {
            db.Database.Migrate();
        }

        return Render<MainLayout>(p => p.Add(l => l.Body, builder =>
        {
            builder.OpenComponent<TPage>(0);
            builder.CloseComponent();
        }));
    }

    [Fact]
    public void PageThrowingInAnEventHandler_ShowsAVisibleError_AndTryAgainBringsThePageBack()
    {
        var layout = RenderLayoutWith<BreakingPage>();

        layout.Find("button#break").Click();

        var error = layout.WaitForElement("[aria-label='Page error']");
        Assert.Contains("Something went wrong on this page", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reload the page", error.TextContent, StringComparison.Ordinal);
        Assert.Empty(layout.FindAll("button#break"));
        Assert.NotEmpty(layout.FindAll("nav a[href='/provisioning'], a[href='/provisioning']")); // the menu stays: the person can go elsewhere

        layout.FindAll("button").Single(b => b.TextContent.Trim() == "Try again").Click();

        layout.WaitForAssertion(() => Assert.Single(layout.FindAll("button#break")));
        Assert.Empty(layout.FindAll("[aria-label='Page error']"));
    }

    [Fact]
    public void PageThrowingWhileRendering_ShowsAVisibleError_WithAWayOn()
    {
        var layout = RenderLayoutWith<UnrenderablePage>();

        var error = layout.WaitForElement("[aria-label='Page error']");
        Assert.Contains("Try again", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reload the page", error.TextContent, StringComparison.Ordinal);
    }

    private sealed class BreakingPage : ComponentBase
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "id", "break");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => throw new InvalidOperationException("the page broke")));
            builder.AddContent(3, "Break");
            builder.CloseElement();
        }
    }

    private sealed class UnrenderablePage : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("the page cannot start");
    }
}
