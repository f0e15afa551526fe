using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.People;

namespace Switchboard.IntegrationTests.People;

public sealed class PeopleExportTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_GivesTheFilteredDirectoryAsCsvWithExtendedAttributeColumns()
    {
        await portal.Services.GetRequiredService<DirectoryWriter>().UpsertAsync(
        [
            new PersonDraft { Username = "exp.one", FirstName = "One", Roles = ["exp-role"], Attributes = new Dictionary<string, string> { ["ward"] = "7" } },
            new PersonDraft { Username = "exp.two", FirstName = "Two" },
        ], Ct);
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await DevelopmentSignIn.SignInAsync(client, "vera.viewer", Ct);

        var response = await client.GetAsync("/people/export.csv?role=exp-role", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("username,email,firstName", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("eav:ward", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith("exp.one,,One,", row, StringComparison.Ordinal);
        Assert.EndsWith(",7", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_CellStartingWithAFormulaCharacter_IsWrittenAsText()
    {
        await portal.Services.GetRequiredService<DirectoryWriter>().UpsertAsync(
        [
            new PersonDraft
            {
                Username = "exp.formula", FirstName = "=HYPERLINK(\"http://evil.example/\",\"open\")", LastName = "+cmd|' /C calc'!A0",
                ExternalCode = "@SUM(1+1)", State = "-2+3", Roles = ["exp-formula"], Attributes = new Dictionary<string, string> { ["note"] = "\t=1+1" },
            },
        ], Ct);
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await DevelopmentSignIn.SignInAsync(client, "vera.viewer", Ct);

        var csv = await client.GetStringAsync("/people/export.csv?role=exp-formula", Ct);

        using var parser = new CsvHelper.CsvParser(new StringReader(csv), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await parser.ReadAsync());
        var header = parser.Record!;
        Assert.True(await parser.ReadAsync());
        var row = header.Zip(parser.Record!).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("'=HYPERLINK(\"http://evil.example/\",\"open\")", row["firstName"]);
        Assert.Equal("'+cmd|' /C calc'!A0", row["lastName"]);
        Assert.Equal("'@SUM(1+1)", row["externalCode"]);
        Assert.Equal("'-2+3", row["state"]);
        Assert.Equal("'\t=1+1", row["eav:note"]);
        Assert.Equal("exp.formula", row["username"]);
    }

    [Fact]
    public async Task Export_WithoutSignIn_IsRedirectedToSignIn()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/people/export.csv", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
