namespace Switchboard.Infrastructure.People;

/// <summary>A person as one row of the People grid.</summary>
public sealed record PersonRow(
    string Username,
    string? FirstName,
    string? LastName,
    string? Email,
    string? State,
    string? FormProjection,
    bool Disabled,
    string? Manager,
    bool MattermostSyncEnabled,
    bool HasMattermostToken,
    bool Deleted)
{
    public string FullName => string.Join(' ', new[] { FirstName, LastName }.OfType<string>());
}
