namespace Switchboard.Infrastructure.People;

public sealed class PeopleOptions
{
    public const string SectionName = "People";

    /// <summary>Keep the directory in step with <c>IdmIdentity</c> events (CREATE/UPDATE upsert, DELETE marks deleted).</summary>
    public bool SyncFromIdentityEvents { get; set; } = true;
}
