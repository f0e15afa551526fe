using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.People;

/// <summary>The people a CSV file describes, and what could not be read (item index −1 means the header).</summary>
public sealed record CsvReadResult(IReadOnlyList<PersonDraft> People, IReadOnlyList<DirectoryError> Errors);
