using Bunit;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Infrastructure.Persistence;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.ComponentTests.ApiKeys;

public sealed class CreateApiKeyDialogTests : ComponentTestContext
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"switchboard-bunit-{Guid.NewGuid():N}.db");

    public CreateApiKeyDialogTests()
    {
        Services.AddAuditedDatabase(_database);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IValidator<CreateApiKeyRequest>, CreateApiKeyRequestValidator>();
        Services.AddScoped<AccessGuard>();
        Services.AddScoped<ApiKeyService>();
        SignInAs("ada.admin", PortalRole.Admin);
        using var db = Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContext();
        db.Database.Migrate();
    }

    [Fact]
    public async Task Create_ShowsTheSecretOnce_AndStoresOnlyItsHash()
    {
        var provider = await OpenDialogAsync();
        provider.InputLabelled("Name").Change("Exporter");
        await ChooseScopeAsync(provider, ApiKeyScopes.ConfigRead);

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();

        provider.WaitForAssertion(() => provider.InputLabelled("New API key"));
        var secret = provider.InputLabelled("New API key").GetAttribute("value")!;
        Assert.StartsWith("sbk_", secret, StringComparison.Ordinal);
        await using var db = await Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var stored = await db.ApiKeys.SingleAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(ApiKeySecret.HashOf(secret), stored.SecretHash);
        Assert.Single(Services.AuditTrail(), r => r.Action == AuditActions.ApiKeyCreated);

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Done").Click();
        Assert.DoesNotContain(secret, provider.Markup, StringComparison.Ordinal);

        var reopened = await OpenDialogAsync(provider);
        Assert.DoesNotContain(secret, reopened.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(reopened.FindAll("label"), l => l.TextContent.Trim() == "New API key");
        Assert.True(string.IsNullOrEmpty(reopened.InputLabelled("Name").GetAttribute("value")));
    }

    [Fact]
    public async Task Create_WithoutNameOrScopes_ShowsInlineErrorsAndCreatesNothing()
    {
        var provider = await OpenDialogAsync();

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();

        Assert.Contains("Give the key a name", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("Choose at least one scope.", provider.Markup, StringComparison.Ordinal);
        await using var db = await Services.GetRequiredService<IDbContextFactory<SwitchboardDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.False(await db.ApiKeys.AnyAsync(Xunit.TestContext.Current.CancellationToken));
        Assert.Empty(Services.AuditTrail());
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenDialogAsync(IRenderedComponent<MudDialogProvider>? provider = null)
    {
        if (provider is null)
        {
            Render<MudPopoverProvider>();
            provider = Render<MudDialogProvider>();
        }

        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CreateApiKeyDialog>("Create API key"));
        return provider;
    }

    // The select reports a choice the way it does when a person ticks an item in its drop-down.
    private static async Task ChooseScopeAsync(IRenderedComponent<MudDialogProvider> provider, string scope)
    {
        var select = provider.FindComponent<MudSelect<string>>();
        await provider.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync([scope]));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
