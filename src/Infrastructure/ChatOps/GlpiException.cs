namespace Switchboard.Infrastructure.ChatOps;

/// <summary>GLPI refused or failed a call: its error code (e.g. <c>ERROR_GLPI_ADD</c>) and message, or why it did not answer.</summary>
public sealed class GlpiException(string code, string message, int? status = null) : Exception(message)
{
    public const string Timeout = "TIMEOUT";
    public const string Unreachable = "UNREACHABLE";
    public const string ConnectionLost = "CONNECTION_LOST";
    public const string UnexpectedAnswer = "UNEXPECTED_ANSWER";
    public const string LookupFailed = "LOOKUP_FAILED";

    public string Code { get; } = code;
    public int? Status { get; } = status;

    /// <summary>
    /// Whether a call that failed with this code may still have been carried out by GLPI: it timed out, the connection
    /// broke after the request was sent, GLPI answered 5xx or a success without the expected body, or the look-up that
    /// would have told failed. A refusal GLPI explained (400/401 <c>ERROR_…</c>) or an unreachable server changed nothing.
    /// </summary>
    public static bool OutcomeUnknown(string? code) =>
        code is Timeout or ConnectionLost or UnexpectedAnswer or LookupFailed or "ERROR_SQL"
        || (code is not null && code.StartsWith("HTTP_5", StringComparison.Ordinal));
}
