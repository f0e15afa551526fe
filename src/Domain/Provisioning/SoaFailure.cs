namespace Switchboard.Domain.Provisioning;

/// <summary>
/// A failure as it arrived: whatever status code, error type and name the daemon sent (the seed's and the open-source
/// daemon's families differ, so nothing here is an enum). JSON parts are kept as JSON text, already scrubbed.
/// </summary>
public sealed record SoaFailure(int? StatusCode, string? ErrorType, string? ErrorName, string? ErrorMessage, string? ErrorData, string? Debug)
{
    /// <summary>What failures are grouped by: the error name, or the message when there is no name.</summary>
    public string GroupTitle => ErrorName is { Length: > 0 } name ? name
        : ErrorMessage is { Length: > 0 } message ? Shorten(message)
        : StatusCode is { } code ? $"Status {code}"
        : "Unnamed failure";

    /// <summary>This failure, each detail it lacks taken from <paramref name="stored"/> (what an earlier message of the same failure told).</summary>
    public SoaFailure Or(SoaFailure? stored) => stored is null ? this : new SoaFailure(
        StatusCode ?? stored.StatusCode, ErrorType ?? stored.ErrorType, ErrorName ?? stored.ErrorName, ErrorMessage ?? stored.ErrorMessage,
        ErrorData ?? stored.ErrorData, Debug ?? stored.Debug);

    private static string Shorten(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200];
    }
}
