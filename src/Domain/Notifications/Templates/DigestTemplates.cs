namespace Switchboard.Domain.Notifications.Templates;

/// <summary>The digest e-mail of a topic that has no digest template of its own: one line per change.</summary>
public static class DigestTemplates
{
    public static readonly EmailTemplate Default = new(
        "{{ count }} change{% if count != 1 %}s{% endif %}: {{ configuration.topic }}",
        """
        <p>{{ count }} change{% if count != 1 %}s{% endif %} ({{ configuration.topic }}):</p>
        <ul>{% for item in items %}<li>{{ item.identity.fullName }}: {{ item.entityType }} {{ item.eventType }}{% if item.changed.size > 0 %}, changed {{ item.changed | join: ", " }}{% endif %}</li>{% endfor %}</ul>
        """,
        """
        {{ count }} change{% if count != 1 %}s{% endif %} ({{ configuration.topic }}):
        {% for item in items %}- {{ item.identity.fullName }}: {{ item.entityType }} {{ item.eventType }}{% if item.changed.size > 0 %}, changed {{ item.changed | join: ", " }}{% endif %}
        {% endfor %}
        """);
}
