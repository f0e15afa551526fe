using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Switchboard.Domain.People;
using Switchboard.Infrastructure.People;
using Switchboard.Portal.Exports;

namespace Switchboard.Portal.Features.People;

/// <summary>
/// The directory's CSV format: one person per row, a header row naming the columns below (any order, only
/// <c>username</c> required), roles separated by <c>;</c>, and one <c>eav:&lt;code&gt;</c> column per extended attribute.
/// </summary>
public static class PeopleCsv
{
    public const string ExtendedAttributePrefix = "eav:";

    public static IReadOnlyList<string> Columns { get; } =
        ["username", "email", "firstName", "lastName", "externalCode", "state", "disabled", "formProjection", "manager", "roles", "mattermostSyncEnabled"];

    private static readonly CsvConfiguration Format = new(CultureInfo.InvariantCulture)
    {
        DetectDelimiter = true,
        TrimOptions = TrimOptions.Trim,
        BadDataFound = null,
    };

    public static async Task<CsvReadResult> ReadAsync(TextReader text, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadRowsAsync(text, cancellationToken);
        }
        catch (CsvHelperException malformed)
        {
            // E.g. a quote that is never closed: the whole file is refused with where it went wrong, not read in part.
            var row = malformed.Context?.Parser?.Row;
            return new CsvReadResult([], [new DirectoryError(-1, "file",
                $"is not valid CSV{(row is null ? "" : $" (near line {row})")}: check for a quote that is not closed")]);
        }
    }

    private static async Task<CsvReadResult> ReadRowsAsync(TextReader text, CancellationToken cancellationToken)
    {
        // Reading refuses bad data (CsvHelper's default throws); the writer's format only ever writes good data.
        using var csv = new CsvReader(text, Format with { BadDataFound = ConfigurationFunctions.BadDataFound });
        var errors = new List<DirectoryError>();
        var people = new List<PersonDraft>();
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            return new CsvReadResult([], [new DirectoryError(-1, "header", "the file is empty")]);
        }

        var header = csv.HeaderRecord!;
        var unknown = header.Where(h => !Columns.Contains(h) && !h.StartsWith(ExtendedAttributePrefix, StringComparison.Ordinal)).ToList();
        errors.AddRange(unknown.Select(h => new DirectoryError(-1, h, $"unknown column; use {string.Join(", ", Columns)} or eav:<code>")));
        if (!header.Contains("username"))
        {
            errors.Add(new DirectoryError(-1, "username", "the header must have a username column"));
        }

        if (errors.Count > 0)
        {
            return new CsvReadResult([], errors);
        }

        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = people.Count;
            string? Field(string name) => header.Contains(name) && csv.GetField(name) is { Length: > 0 } value ? value : null;
            bool Flag(string name)
            {
                var value = Field(name);
                if (value is null || Truthy.Contains(value))
                {
                    return value is not null;
                }

                if (!Falsy.Contains(value))
                {
                    errors.Add(new DirectoryError(index, name, $"'{value}' is not true or false"));
                }

                return false;
            }

            people.Add(new PersonDraft
            {
                Username = Field("username") ?? "",
                Email = Field("email"),
                FirstName = Field("firstName"),
                LastName = Field("lastName"),
                ExternalCode = Field("externalCode"),
                State = Field("state"),
                Disabled = Flag("disabled"),
                FormProjection = Field("formProjection"),
                Manager = Field("manager"),
                Roles = (Field("roles") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                MattermostSyncEnabled = Flag("mattermostSyncEnabled"),
                Attributes = header
                    .Where(h => h.StartsWith(ExtendedAttributePrefix, StringComparison.Ordinal) && Field(h) is not null)
                    .ToDictionary(h => h[ExtendedAttributePrefix.Length..], h => Field(h)!, StringComparer.Ordinal),
            });
        }

        return new CsvReadResult(people, errors);
    }

    public static async Task WriteAsync(
        IAsyncEnumerable<PersonDraft> people, IReadOnlyList<string> attributeCodes, TextWriter text, CancellationToken cancellationToken)
    {
        await using var csv = CsvExport.CreateWriter(text);
        foreach (var column in Columns.Concat(attributeCodes.Select(c => ExtendedAttributePrefix + c)))
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var person in people.WithCancellation(cancellationToken))
        {
            string?[] fields =
            [
                person.Username, person.Email, person.FirstName, person.LastName, person.ExternalCode, person.State,
                person.Disabled ? "true" : "false", person.FormProjection, person.Manager, string.Join(';', person.Roles),
                person.MattermostSyncEnabled ? "true" : "false",
            ];
            foreach (var field in fields.Concat(attributeCodes.Select(c => person.Attributes.GetValueOrDefault(c))))
            {
                csv.WriteField(field ?? "");
            }

            await csv.NextRecordAsync();
        }
    }

    private static readonly HashSet<string> Truthy = new(["true", "yes", "1", "y"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Falsy = new(["false", "no", "0", "n"], StringComparer.OrdinalIgnoreCase);
}
