using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Switchboard.Infrastructure.ChatOps;

/// <summary>
/// GLPI's legacy REST API (<c>apirest.php</c>): <c>initSession</c> with the App-Token and a user_token, <c>POST
/// Ticket</c>, <c>GET search/Ticket</c>, <c>killSession</c>. Errors arrive as <c>["ERROR_…", "message"]</c> and become
/// <see cref="GlpiException"/>.
/// </summary>
public sealed class GlpiClient(HttpClient http, IOptions<ChatOpsOptions> options)
{
    public async Task<string> InitSessionAsync(GlpiCredentials glpi, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, glpi, "initSession", session: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("user_token", glpi.UserToken ?? "");
        using var response = await SendAsync(request, cancellationToken);
        var body = await JsonOf(response, cancellationToken);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("session_token", out var token) && token.ValueKind == JsonValueKind.String
            && token.GetString() is { Length: > 0 } session
            ? session
            : throw new GlpiException(GlpiException.UnexpectedAnswer, "initSession answered without a session_token.", (int)response.StatusCode);
    }

    public async Task<long> CreateTicketAsync(GlpiCredentials glpi, string session, object input, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, glpi, "Ticket", session);
        request.Content = JsonContent.Create(new { input });
        using var response = await SendAsync(request, cancellationToken);
        var body = await JsonOf(response, cancellationToken);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            ? id.GetInt64()
            : throw new GlpiException(GlpiException.UnexpectedAnswer, $"Ticket creation answered {(int)response.StatusCode} without an id.", (int)response.StatusCode);
    }

    /// <summary>
    /// The ticket whose description holds <paramref name="marker"/> (the lowest id when several do), or null: the legacy
    /// API's <c>search/Ticket</c> with a <c>contains</c> criterion on search option 21 (description), showing option 2 (id).
    /// </summary>
    public async Task<long?> FindTicketAsync(GlpiCredentials glpi, string session, string marker, CancellationToken cancellationToken)
    {
        var query = string.Join('&',
            $"{Uri.EscapeDataString("criteria[0][field]")}=21",
            $"{Uri.EscapeDataString("criteria[0][searchtype]")}=contains",
            $"{Uri.EscapeDataString("criteria[0][value]")}={Uri.EscapeDataString(marker)}",
            $"{Uri.EscapeDataString("forcedisplay[0]")}=2",
            "range=0-49");
        using var request = Request(HttpMethod.Get, glpi, $"search/Ticket?{query}", session);
        using var response = await SendAsync(request, cancellationToken);
        var body = await JsonOf(response, cancellationToken);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("totalcount", out _))
        {
            throw new GlpiException(GlpiException.UnexpectedAnswer, $"The ticket search answered {(int)response.StatusCode} without a totalcount.", (int)response.StatusCode);
        }

        // "data" is an array of rows, or an object keyed by item id with withindexes; GLPI leaves it out when nothing matched.
        var rows = !body.TryGetProperty("data", out var data) ? []
            : data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().ToList()
            : data.ValueKind == JsonValueKind.Object ? data.EnumerateObject().Select(p => p.Value).ToList()
            : [];
        var ids = rows.Select(IdOf).OfType<long>().ToList();
        return ids.Count == 0 ? null : ids.Min();
    }

    private static long? IdOf(JsonElement row) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty("2", out var id)
            ? id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) ? number
            : id.ValueKind == JsonValueKind.String && long.TryParse(id.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var text) ? text
            : null
            : null;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            throw new GlpiException(GlpiException.UnexpectedAnswer, $"GLPI answered {(int)response.StatusCode} with a body that is not JSON.", (int)response.StatusCode);
        }
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

    /// <summary>One call through the GLPI resilience pipeline (its time limit and retries: <see cref="Http.HttpResilience.AddGlpiResilience"/>).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception timedOut) when (timedOut is TimeoutRejectedException || (timedOut is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new GlpiException(GlpiException.Timeout, $"GLPI did not answer within {options.Value.GlpiTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException unreachable) when (unreachable.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            // Nothing was sent: GLPI did nothing.
            throw new GlpiException(GlpiException.Unreachable, $"GLPI cannot be reached: {unreachable.HttpRequestError}.");
        }
        catch (HttpRequestException lost)
        {
            // Sent, but the answer broke off (connection reset, malformed answer): GLPI may have done it.
            throw new GlpiException(GlpiException.ConnectionLost, $"The connection to GLPI broke before its answer: {lost.HttpRequestError}.");
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
