namespace Switchboard.Infrastructure.Search;

/// <summary>One thing the search found: <paramref name="Key"/> identifies it for a link (a username, a topic code, else the stored id).</summary>
public sealed record SearchHit(SearchHitKind Kind, string Key, string Title, string? Detail);
