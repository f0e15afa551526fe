using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.Audit;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Features.People;

namespace Switchboard.IntegrationTests.People;

public sealed class RoleRenameTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RenameRole_AsAdmin_ChangesTheNameAndAuditsIt_AsViewer_IsRefused()
    {
        await portal.Services.GetRequiredService<DirectoryWriter>().UpsertAsync([new PersonDraft { Username = "rn.one", Roles = ["rn-nurses"] }], Ct);
        await using var scope = portal.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<PeopleService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => people.RenameRoleAsync(TestPeople.Viewer, "rn-nurses", "Sneaky", Ct));
        await people.RenameRoleAsync(TestPeople.Admin, "rn-nurses", "Ward nurses", Ct);

        var role = Assert.Single(await people.RolesAsync(Ct), r => r.Code == "rn-nurses");
        Assert.Equal(("Ward nurses", 1), (role.Name, role.Members));
        await using var db = await portal.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "role.renamed" && e.Result == AuditResult.Success, Ct);
        Assert.Contains("Ward nurses", entry.Details, StringComparison.Ordinal);
    }
}
