namespace Switchboard.Infrastructure.ChatOps;

/// <summary>GLPI refused or failed a call: its error code (e.g. <c>ERROR_GLPI_ADD</c>) and message, or why it did not answer.</summary>
public sealed class GlpiException(string code, string message, int? status = null) : Exception(message)
{
    public string Code { get; } = code;
    public int? Status { get; } = status;
}
