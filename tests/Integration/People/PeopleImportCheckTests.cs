using Microsoft.Extensions.DependencyInjection;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Features.People;

namespace Switchboard.IntegrationTests.People;

/// <summary>The CSV import preview: what one read of a file reports.</summary>
public sealed class PeopleImportCheckTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_FileWithManyProblems_ReportsEveryProblemOfEveryRowAtOnce()
    {
        // 8 problems in 5 rows, of every kind: the file's own (a bad flag), an item's (missing or bad fields, a duplicate)
        // and the directory's (an unknown manager).
        const string csv = "username,email,disabled,manager\n" +
                           "imp.one,not-an-address,maybe,\n" +          // row 1: disabled (file), email
                           ",imp.two@example.test,,\n" +                 // row 2: username missing
                           "imp bad!,imp.bad@example.test,yes,\n" +      // row 3: username not allowed
                           "imp.one,also-not-an-address,no,\n" +         // row 4: duplicate, email
                           "imp.five,imp.five@example.test,perhaps,imp.nobody\n"; // row 5: disabled (file), unknown manager
        var read = await PeopleCsv.ReadAsync(new StringReader(csv), Ct);
        await using var scope = portal.Services.CreateAsyncScope();

        var errors = await scope.ServiceProvider.GetRequiredService<PeopleService>().CheckImportAsync(read, Ct);

        Assert.Equal(
            [(0, "disabled"), (0, "email"), (1, "username"), (2, "username"), (3, "email"), (3, "username"), (4, "disabled"), (4, "manager")],
            errors.Select(e => (e.Index, e.Field)).OrderBy(e => e.Index).ThenBy(e => e.Field, StringComparer.Ordinal).ToList());
        Assert.Equal(errors.Select(e => e.Index).Order(), errors.Select(e => e.Index));
        Assert.DoesNotContain(errors, e => e.Message.Contains("item ", StringComparison.Ordinal));
    }
}
