using Switchboard.Domain.People;
using Switchboard.Portal.Features.People;

namespace Switchboard.IntegrationTests.People;

public sealed class PeopleCsvTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_QuotedFieldsRolesAndExtendedAttributes()
    {
        const string csv = "username,lastName,roles,mattermostSyncEnabled,eav:clinicCode\n" +
                           "jnovak,\"Novák, Jr.\",doctors;heads,yes,100\n";

        var read = await PeopleCsv.ReadAsync(new StringReader(csv), Ct);

        Assert.Empty(read.Errors);
        var person = Assert.Single(read.People);
        Assert.Equal(("jnovak", "Novák, Jr.", true), (person.Username, person.LastName, person.MattermostSyncEnabled));
        Assert.Equal(["doctors", "heads"], person.Roles);
        Assert.Equal("100", person.Attributes["clinicCode"]);
    }

    [Fact]
    public async Task Read_SemicolonSeparatedFile_IsRecognised()
    {
        var read = await PeopleCsv.ReadAsync(new StringReader("username;email\njnovak;jan@example.test\n"), Ct);

        Assert.Equal("jan@example.test", Assert.Single(read.People).Email);
    }

    [Fact]
    public async Task Read_UnknownColumnAndBadFlag_AreReported()
    {
        var unknown = await PeopleCsv.ReadAsync(new StringReader("username,shoeSize\njnovak,44\n"), Ct);
        var badFlag = await PeopleCsv.ReadAsync(new StringReader("username,disabled\njnovak,maybe\n"), Ct);

        Assert.Equal((-1, "shoeSize"), (Assert.Single(unknown.Errors).Index, unknown.Errors[0].Field));
        Assert.Equal((0, "disabled"), (Assert.Single(badFlag.Errors).Index, badFlag.Errors[0].Field));
    }

    [Fact]
    public async Task Read_UnterminatedQuote_IsOneClearErrorNotAnException()
    {
        var read = await PeopleCsv.ReadAsync(new StringReader("username,lastName\njnovak,\"Novák\nmboss,Boss\n"), Ct);

        var error = Assert.Single(read.Errors);
        Assert.Equal((-1, "file"), (error.Index, error.Field));
        Assert.Contains("quote that is not closed", error.Message, StringComparison.Ordinal);
        Assert.Empty(read.People);
    }

    [Fact]
    public async Task WriteThenRead_GivesThePeopleBack()
    {
        PersonDraft[] people =
        [
            new() { Username = "a", FirstName = "Ann \"Q\"", Roles = ["r1", "r2"], Attributes = new Dictionary<string, string> { ["x"] = "1,2" }, Disabled = true },
            new() { Username = "b", Manager = "a", MattermostSyncEnabled = true },
        ];
        var text = new StringWriter();

        await PeopleCsv.WriteAsync(people.ToAsyncEnumerable(), ["x"], text, Ct);
        var read = await PeopleCsv.ReadAsync(new StringReader(text.ToString()), Ct);

        Assert.Empty(read.Errors);
        Assert.Equal(("Ann \"Q\"", true, "1,2"), (read.People[0].FirstName, read.People[0].Disabled, read.People[0].Attributes["x"]));
        Assert.Equal(["r1", "r2"], read.People[0].Roles);
        Assert.Equal(("a", true), (read.People[1].Manager, read.People[1].MattermostSyncEnabled));
        Assert.Empty(read.People[1].Attributes);
    }
}
