using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.People;

/// <summary>Either every item was stored (with how many were new), or nothing was, and these are the reasons.</summary>
public sealed record DirectoryWriteResult(int Created, int Updated, IReadOnlyList<DirectoryError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static DirectoryWriteResult Invalid(IReadOnlyList<DirectoryError> errors) => new(0, 0, errors);
}
