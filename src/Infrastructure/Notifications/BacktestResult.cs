namespace Switchboard.Infrastructure.Notifications;

/// <summary>
/// What a configuration as edited would have done to the stored events of the last <see cref="Days"/> days, beside
/// what its saved version would have done (null for a new configuration). Nothing was sent or stored.
/// </summary>
public sealed record BacktestResult(int Days, DateTime Since, long EventsExamined, BacktestOutcome Edited, BacktestOutcome? Saved)
{
    /// <summary>Events the edited version fires on beyond the saved one (negative: fewer).</summary>
    public int EventsDifference => Edited.EventsFired - (Saved?.EventsFired ?? 0);

    /// <summary>Distinct recipients beyond the saved version's (negative: fewer).</summary>
    public int RecipientsDifference => Edited.RecipientCount - (Saved?.RecipientCount ?? 0);

    /// <summary>Recipients only the edited version reaches.</summary>
    public IReadOnlyList<string> NewRecipients => Saved is null ? Edited.Recipients : Edited.Recipients.Except(Saved.Recipients, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Recipients only the saved version reaches.</summary>
    public IReadOnlyList<string> LostRecipients => Saved is null ? [] : Saved.Recipients.Except(Edited.Recipients, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The difference in words: "+12 events, −3 recipients".</summary>
    public string Difference => $"{Signed(EventsDifference)} events, {Signed(RecipientsDifference)} recipients";

    private static string Signed(int value) => value switch
    {
        > 0 => $"+{value:N0}",
        < 0 => $"\u2212{-value:N0}",
        _ => "±0",
    };
}

/// <summary>One version's result: the events it fired on, its distinct recipients (e-mail addresses) and its failures.</summary>
public sealed record BacktestOutcome(int EventsFired, IReadOnlyList<string> Recipients, int Failures, string? FirstFailure)
{
    public int RecipientCount => Recipients.Count;
}

/// <summary>How far a backtest has come: events examined of those stored in its window.</summary>
public sealed record BacktestProgress(long Examined, long Total)
{
    public double Percent => Total == 0 ? 100 : Math.Min(100, 100.0 * Examined / Total);
}
