using System.Text.Json;

namespace Switchboard.GlpiSimulator;

/// <summary>
/// GLPI 10's legacy REST API as <c>apirest.md</c> documents it (and as its code behaves): App-Token and user_token
/// checks, session tokens that end with killSession, <c>POST Ticket</c>, <c>GET search/Ticket</c>. Errors are <c>["ERROR_…", "message; view
/// documentation in your browser at …"]</c>; a failed create is 400 <c>ERROR_GLPI_ADD</c>; killSession answers <c>true</c>.
/// </summary>
public static class GlpiApi
{
    public static void MapGlpiApi(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<GlpiState>();
        var api = app.MapGroup("/apirest.php");
        api.AddEndpointFilter(async (context, next) =>
        {
            await state.AnswersReleased.WaitAsync(context.HttpContext.RequestAborted);
            if (state.Latency > TimeSpan.Zero)
            {
                await Task.Delay(state.Latency);
            }

            return state.Down
                ? Results.Content("<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html", statusCode: StatusCodes.Status503ServiceUnavailable)
                : AppTokenProblem(context.HttpContext, state) ?? await next(context);
        });

        api.MapGet("/initSession", (HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("user_token ", StringComparison.Ordinal))
            {
                return Error(context, 400, "ERROR_LOGIN_PARAMETERS_MISSING", "parameter(s) login, password or user_token are missing");
            }

            return authorization["user_token ".Length..].Trim() != state.UserToken
                ? Error(context, 401, "ERROR_GLPI_LOGIN_USER_TOKEN", "parameter user_token seems invalid")
                : Results.Ok(new { session_token = state.OpenSession() });
        });

        api.MapGet("/killSession", (HttpContext context) =>
        {
            if (SessionProblem(context, state, out var session) is { } problem)
            {
                return problem;
            }

            state.KillSession(session);
            return Results.Content("true", "application/json");
        });

        api.MapPost("/Ticket", (Delegate)CreateTicketAsync);
        api.MapGet("/search/{itemtype}", (string itemtype, HttpContext context) =>
            SessionProblem(context, state, out _) ?? GlpiTicketSearch.Answer(context, itemtype, state.Tickets));

        async Task<IResult> CreateTicketAsync(HttpContext context)
        {
            if (SessionProblem(context, state, out _) is { } problem)
            {
                return problem;
            }

            JsonElement body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            }
            catch (JsonException)
            {
                return Error(context, 400, "ERROR_JSON_PAYLOAD_INVALID", "JSON payload seems not valid");
            }

            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
            {
                return Error(context, 400, "ERROR_BAD_ARRAY", "input parameter must be an array of objects");
            }

            if (state.ShouldFailCreate() || !input.TryGetProperty("name", out _) && !input.TryGetProperty("content", out _))
            {
                return Error(context, 400, "ERROR_GLPI_ADD", "You don't have permission to perform this action.");
            }

            var ticket = state.AddTicket(input.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()));
            if (state.ShouldAnswerCreateLate())
            {
                // Stored, then busy: the caller's timeout passes although the ticket exists.
                await Task.Delay(state.LateAnswer, CancellationToken.None);
            }

            context.Response.Headers.Location = $"{Root(context)}/Ticket/{ticket.Id}";
            return Results.Json(new { id = ticket.Id, message = "" }, statusCode: StatusCodes.Status201Created);
        }
    }

    private static IResult? AppTokenProblem(HttpContext context, GlpiState state)
    {
        var token = context.Request.Headers["App-Token"].ToString();
        return token.Length == 0 ? Error(context, 400, "ERROR_APP_TOKEN_PARAMETERS_MISSING", "missing parameter app_token")
            : token != state.AppToken ? Error(context, 400, "ERROR_WRONG_APP_TOKEN_PARAMETER", "parameter app_token seems wrong")
            : null;
    }

    private static IResult? SessionProblem(HttpContext context, GlpiState state, out string session)
    {
        session = context.Request.Headers["Session-Token"].ToString();
        return session.Length == 0 ? Error(context, 400, "ERROR_SESSION_TOKEN_MISSING", "parameter session_token is missing or empty")
            : !state.IsSession(session) ? Error(context, 401, "ERROR_SESSION_TOKEN_INVALID", "session_token seems invalid")
            : null;
    }

    internal static IResult Error(HttpContext context, int status, string code, string message) =>
        Results.Json(new[] { code, $"{message}; view documentation in your browser at {Root(context)}/#{code}" }, statusCode: status);

    private static string Root(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/apirest.php";
}
