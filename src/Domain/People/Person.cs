namespace Switchboard.Domain.People;

/// <summary>A person of the organisation (an identity of the identity-management system).</summary>
public sealed class Person
{
    public const int UsernameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int NameMaxLength = 100;
    public const int CodeMaxLength = 50;

    private Person()
    {
    }

    public int Id { get; private set; }
    public string Username { get; private set; } = "";

    /// <summary>The username as compared: usernames are unique whatever their case.</summary>
    public string UsernameKey { get; private set; } = "";
    public string? Email { get; private set; }
    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    public string? ExternalCode { get; private set; }
    public string? State { get; private set; }
    public bool Disabled { get; private set; }
    public string? FormProjection { get; private set; }
    public int? ManagerId { get; private set; }
    public Person? Manager { get; private set; }
    public List<Role> Roles { get; private set; } = [];
    public List<ExtendedAttributeValue> Attributes { get; private set; } = [];
    public bool MattermostSyncEnabled { get; private set; }

    /// <summary>The user access token, encrypted at rest (Data Protection); never shown.</summary>
    public string? MattermostTokenProtected { get; private set; }
    public string? MattermostTokenId { get; private set; }
    public string? MattermostUserId { get; private set; }
    public DateTime? MattermostTokenCreatedAt { get; private set; }

    /// <summary>When Mattermost deletes the token; null when it never expires (or the server ignores expiry).</summary>
    public DateTime? MattermostTokenExpiresAt { get; private set; }

    /// <summary>Deleted in the identity-management system: kept for history, hidden by default.</summary>
    public bool Deleted { get; private set; }
    public DateTime? DeletedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>Username, names and e-mail in lower case: what the directory search looks in, on any database.</summary>
    public string SearchText { get; private set; } = "";

    public bool HasMattermostToken => MattermostTokenProtected is not null;

    public static string KeyOf(string username) => username.Trim().ToLowerInvariant();

    public const int SearchTextMaxLength = UsernameMaxLength + (2 * NameMaxLength) + EmailMaxLength + 3;

    public static Person Create(string username) =>
        new() { Username = username.Trim(), UsernameKey = KeyOf(username), SearchText = KeyOf(username) };

    /// <summary>Sets every field the draft carries; roles and attributes become exactly the draft's.</summary>
    public void Apply(PersonDraft draft, Person? manager, IReadOnlyList<Role> roles, DateTime now)
    {
        Username = draft.Username.Trim();
        Email = Blank(draft.Email);
        FirstName = Blank(draft.FirstName);
        LastName = Blank(draft.LastName);
        ExternalCode = Blank(draft.ExternalCode);
        State = Blank(draft.State);
        Disabled = draft.Disabled;
        FormProjection = Blank(draft.FormProjection);
        Manager = manager;
        if (manager is null)
        {
            ManagerId = null;
        }

        MattermostSyncEnabled = draft.MattermostSyncEnabled;
        Roles.RemoveAll(r => !roles.Contains(r));
        Roles.AddRange(roles.Where(r => !Roles.Contains(r)));
        SetAttributes(draft.Attributes);
        Deleted = false;
        DeletedAt = null;
        UpdatedAt = now;
        SearchText = string.Join(' ', new[] { Username, FirstName, LastName, Email }.OfType<string>()).ToLowerInvariant();
    }

    public void MarkDeleted(DateTime now)
    {
        Deleted = true;
        DeletedAt = now;
        UpdatedAt = now;
    }

    /// <param name="protectedToken">The token, already encrypted (Data Protection): the domain never holds it in clear.</param>
    public void StoreMattermostToken(string protectedToken, string tokenId, string mattermostUserId, DateTime? expiresAt, DateTime now)
    {
        MattermostTokenProtected = protectedToken;
        MattermostTokenId = tokenId;
        MattermostUserId = mattermostUserId;
        MattermostTokenCreatedAt = now;
        MattermostTokenExpiresAt = expiresAt;
        UpdatedAt = now;
    }

    public void ClearMattermostToken(DateTime now)
    {
        MattermostTokenProtected = null;
        MattermostTokenId = null;
        MattermostTokenCreatedAt = null;
        MattermostTokenExpiresAt = null;
        UpdatedAt = now;
    }

    private void SetAttributes(IReadOnlyDictionary<string, string> wanted)
    {
        Attributes.RemoveAll(a => !wanted.ContainsKey(a.Code));
        foreach (var (code, value) in wanted)
        {
            var existing = Attributes.Find(a => a.Code == code);
            if (existing is null)
            {
                Attributes.Add(ExtendedAttributeValue.Create(code, value));
            }
            else
            {
                existing.SetValue(value);
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
