using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.ApiKeys;
using Switchboard.Infrastructure.ApiKeys;
using Switchboard.Portal.Features.ApiKeys;

namespace Switchboard.IntegrationTests;

/// <summary>Posts events to a portal's ingest API as the identity-management system does: with an <c>events:write</c> key of its own.</summary>
public static class EventForwarder
{
    /// <summary>Posts an UPDATE of an identity (<c>entityId</c> is <c>guid-{identity}</c>) with the given attributes before and after; fails unless it is accepted.</summary>
    public static async Task PostIdentityUpdateAsync(
        this WebApplicationFactory<Program> portal, string id, string identity, object beforeAttributes, object afterAttributes, CancellationToken cancellationToken)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(TestPeople.Admin,
            new CreateApiKeyRequest { Name = $"forwarder {Guid.NewGuid():N}", Scopes = [ApiKeyScopes.EventsWrite] }, cancellationToken);
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Secret);
        var response = await client.PostAsJsonAsync("/api/events", new
        {
            id,
            entityType = "IdmIdentity",
            eventType = "UPDATE",
            entityId = $"guid-{identity}",
            identity,
            before = new { attributes = beforeAttributes },
            after = new { attributes = afterAttributes },
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
