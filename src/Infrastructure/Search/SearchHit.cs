namespace Switchboard.Infrastructure.Search;

/// <summary>One thing the search found: <paramref name="Key"/> identifies it for a link (username, id, topic code).</summary>
public sealed record SearchHit(SearchHitKind Kind, string Key, string Title, string? Detail);
