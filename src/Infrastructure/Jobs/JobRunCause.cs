namespace Switchboard.Infrastructure.Jobs;

/// <summary>Why a job is about to run: who asked, the due time it serves, and where the request came from.</summary>
/// <param name="TriggeredBy">
/// <see cref="JobTriggers.Schedule"/>, a person's name, <see cref="JobTriggers.Wake"/> or <see cref="JobTriggers.Takeover"/>.
/// </param>
/// <param name="Due">The schedule's due time the run serves, or null (Run now, a wake, the run at start).</param>
/// <param name="Stored">
/// The run is for what this instance read from the store (a Run now stored by another instance, a run to take up): not
/// started when, by now, another instance has answered it.
/// </param>
/// <param name="AskedHereAt">
/// When the Run now or wake reached this instance, or null: one that reached it while another instance's run was under way
/// is answered by that run, as it is when this instance finds the lock held and stores it.
/// </param>
public sealed record JobRunCause(string TriggeredBy, DateTime? Due = null, bool Stored = false, DateTime? AskedHereAt = null);
