using Switchboard.Domain.Retries;

namespace Switchboard.Infrastructure.Email;

public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>The SMTP server; empty means the embedded default: each message is written as an .eml file to <see cref="PickupFolder"/>.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
    public string? Username { get; set; }

    /// <summary>Give it through the environment (<c>Smtp__Password</c>).</summary>
    public string? Password { get; set; }
    public string From { get; set; } = "Switchboard <switchboard@localhost>";

    /// <summary>Where the embedded default writes messages; relative paths start at the data folder.</summary>
    public string PickupFolder { get; set; } = "mail-pickup";
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When a message that failed is tried again: <see cref="MaxAttempts"/> attempts, doubling from <see cref="FirstRetryDelay"/>.</summary>
    public RetrySchedule Retries => new(MaxAttempts, FirstRetryDelay);
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sender looks for messages whose retry time has come (new messages go out at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
