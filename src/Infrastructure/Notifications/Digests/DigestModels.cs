using System.Text.Json;
using Switchboard.Domain.Notifications.Templates;

namespace Switchboard.Infrastructure.Notifications.Digests;

/// <summary>How a digest item keeps its template model: camelCase JSON, read back as the same <see cref="TemplateModel"/>.</summary>
public static class DigestModels
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TemplateModel Read(string json) =>
        JsonSerializer.Deserialize<TemplateModel>(json, Json) ?? throw new InvalidOperationException("A digest item holds no template model.");
}
