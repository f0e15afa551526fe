namespace Switchboard.Infrastructure.Search;

/// <summary>What a search hit is, in the order the search box lists them.</summary>
public enum SearchHitKind
{
    Person,
    Envelope,
    Configuration,
    Topic,
    ChatOpsCall,
    Message,
}
