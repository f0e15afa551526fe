using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// GLPI's legacy REST API (<c>apirest.php</c>): <c>initSession</c> with the App-Token and a user_token, <c>POST
/// Ticket</c>, <c>killSession</c>. Errors arrive as <c>["ERROR_…", "message"]</c> and become <see cref="GlpiException"/>.
/// </summary>
public sealed class GlpiClient(HttpClient http, IOptions<ChatOpsOptions> options)
{
    public async Task<string> InitSessionAsync(GlpiCredentials glpi, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, glpi, "initSession", session: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("user_token", glpi.UserToken ?? "");
        using var response = await SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.TryGetProperty("session_token", out var token) && token.GetString() is { Length: > 0 } session
            ? session
            : throw new GlpiException("UNEXPECTED_ANSWER", "initSession answered without a session_token.", (int)response.StatusCode);
    }

    public async Task<long> CreateTicketAsync(GlpiCredentials glpi, string session, object input, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, glpi, "Ticket", session);
        request.Content = JsonContent.Create(new { input });
        using var response = await SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            ? id.GetInt64()
            : throw new GlpiException("UNEXPECTED_ANSWER", $"Ticket creation answered {(int)response.StatusCode} without an id.", (int)response.StatusCode);
    }

    public async Task KillSessionAsync(GlpiCredentials glpi, string session, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, glpi, "killSession", session);
        using var response = await SendAsync(request, cancellationToken);
    }

    private static HttpRequestMessage Request(HttpMethod method, GlpiCredentials glpi, string path, string? session)
    {
        var request = new HttpRequestMessage(method, $"{glpi.BaseUrl.TrimEnd('/')}/{path}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(glpi.AppToken))
        {
            request.Headers.Add("App-Token", glpi.AppToken);
        }

        if (session is not null)
        {
            request.Headers.Add("Session-Token", session);
        }

        if (method == HttpMethod.Get)
        {
            // GLPI wants a Content-Type on every call, GETs included, with an empty body.
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.GlpiTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GlpiException("TIMEOUT", $"GLPI did not answer within {options.Value.GlpiTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException unreachable)
        {
            throw new GlpiException("UNREACHABLE", $"GLPI cannot be reached: {unreachable.HttpRequestError}.");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw ErrorOf((int)response.StatusCode, text);
        }
    }

    /// <summary>GLPI's error body is <c>["ERROR_CODE", "message"]</c>; anything else keeps the HTTP status as its code.</summary>
    private static GlpiException ErrorOf(int status, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() >= 1 && array[0].ValueKind == JsonValueKind.String)
            {
                var message = array.GetArrayLength() > 1 ? array[1].ToString() : "";
                return new GlpiException(array[0].GetString()!, message, status);
            }
        }
        catch (JsonException)
        {
            // Not GLPI's error shape: fall through.
        }

        return new GlpiException($"HTTP_{status}", text.Length > 300 ? text[..300] : text, status);
    }
}
