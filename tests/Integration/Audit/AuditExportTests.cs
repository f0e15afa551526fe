using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Switchboard.Domain.Audit;
using Switchboard.Infrastructure.Audit;
using Switchboard.Portal.Features.Audit;

namespace Switchboard.IntegrationTests.Audit;

/// <summary>The Audit page's "Hide actions" filter and its CSV export of the filtered list.</summary>
public sealed class AuditExportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_GivesTheFilteredTrailAsCsv_WithoutTheHiddenActions_NewestFirst()
    {
        var actor = $"export-{Guid.NewGuid():N}";
        await using (var db = await portal.DbAsync())
        {
            var at = DateTime.UtcNow.AddMinutes(-10);
            db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User(actor), AuditActions.SignIn, "session", null), at));
            db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User(actor), "test.changed", "person", "eva", Details: "changed State from VALID to LEFT"), at.AddMinutes(1)));
            db.AuditEntries.Add(AuditEntry.From(new AuditRecord(Actor.User(actor), "test.changed", "person", "=cmd", Details: "+formula"), at.AddMinutes(2)));
            await db.SaveChangesAsync(Ct);
        }

        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await DevelopmentSignIn.SignInAsync(client, "vera.viewer", Ct);

        var response = await client.GetAsync(AuditExportEndpoint.For(new AuditFilter(Actor: actor, Exclude: [AuditActions.SignIn])), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("time,actor,actorKind,action,objectType,objectId,result,details", lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.EndsWith($",{actor},User,test.changed,person,\"'=cmd\",Success,\"'+formula\"", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($",{actor},User,test.changed,person,eva,Success,changed State from VALID to LEFT", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains(AuditActions.SignIn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_WithoutASignIn_IsRefused_NotServed()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(AuditExportEndpoint.Path, Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }
}
