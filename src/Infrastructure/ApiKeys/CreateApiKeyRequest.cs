namespace Switchboard.Infrastructure.ApiKeys;

/// <summary>The create form's model; also what a later import could send.</summary>
public sealed class CreateApiKeyRequest
{
    public string Name { get; set; } = "";
    public IReadOnlyCollection<string> Scopes { get; set; } = [];

    /// <summary>The last day the key works (UTC); empty for a key that does not expire.</summary>
    public DateTime? ExpiresOn { get; set; }
}
