namespace Switchboard.Domain.Notifications.Rules;

public enum AttributeKind
{
    /// <summary>A standard attribute of the entity (<c>firstName</c>, <c>state</c> …).</summary>
    Standard,

    /// <summary>An extended attribute, written with the <c>EAV:</c> prefix.</summary>
    Eav,
}
