namespace Switchboard.ProvisioningSimulator;

/// <summary>How the simulated daemon answers one delivery of a request.</summary>
public sealed record Answer(AnswerKind Kind, int Status = 200, string? ErrorName = null, string Message = "", string? ErrorData = null, string? Debug = null, TimeSpan? RetryAfter = null)
{
    public static readonly Answer Success = new(AnswerKind.Success);

    /// <summary>A hardfail reply (and its failure log), never retried.</summary>
    public static Answer Hardfail(int status, string? errorName, string message, string? errorData = null, string? debug = null) =>
        new(AnswerKind.Hardfail, status, errorName, message, errorData, debug);

    /// <summary>A softfail: a log message, then the request comes back from the deferred queue with its try count.</summary>
    public static Answer Softfail(int status, string? errorName, string message, TimeSpan? retryAfter = null) =>
        new(AnswerKind.Softfail, status, errorName, message, RetryAfter: retryAfter);

    /// <summary>The daemon gives up after its last try: a hardfail log only, with an empty body and no reply.</summary>
    public static Answer GiveUp(int status, string? errorName) => new(AnswerKind.GiveUp, status, errorName);

    /// <summary>Parses <c>success</c>, <c>hardfail:409:GoogleAccountAlreadyExists</c>, <c>softfail:503:Name</c>, <c>giveup:500</c>.</summary>
    public static Answer Parse(string text)
    {
        var parts = text.Split(':');
        var status = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
        var name = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
        return parts[0] switch
        {
            "success" => Success,
            "hardfail" => Hardfail(status, name, $"{name ?? "Error"} (simulated)", """{"google_id":"112233445566778899001","primary_email":"someone@gadz.org"}"""),
            "softfail" => Softfail(status, name, "Google API unavailable (simulated)"),
            "giveup" => GiveUp(status, name),
            _ => throw new FormatException($"Unknown answer '{text}'"),
        };
    }
}
