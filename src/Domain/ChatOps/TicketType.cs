namespace Switchboard.Domain.ChatOps;

/// <summary>GLPI's ticket types.</summary>
public enum TicketType
{
    Incident = 1,
    Request = 2,
}
