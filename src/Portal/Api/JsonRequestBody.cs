using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Switchboard.Portal.Api;

/// <summary>
/// The JSON body of a machine API call, read the same way for every endpoint that takes a batch: 415 for another content
/// type, 413 above <see cref="MaxBytes"/>, 400 naming <c>body</c> when it is not JSON. Nothing is stored on any of them.
/// </summary>
internal static class JsonRequestBody
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// Reads the body and hands its root element to <paramref name="handle"/>, or answers the problem with the body
    /// instead (the handler is not called). The document lives until the handler has finished.
    /// </summary>
    /// <param name="what">What the body holds, for the messages ("events", "messages").</param>
    public static async Task<Results<TAnswer, ValidationProblem, ProblemHttpResult>> HandleAsync<TAnswer>(HttpRequest request, string what,
        Func<JsonElement, Task<Results<TAnswer, ValidationProblem, ProblemHttpResult>>> handle, CancellationToken cancellationToken)
        where TAnswer : IResult
    {
        var body = await ReadAsync(request, what, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Invalid is { } invalid)
        {
            return invalid;
        }

        using var document = body.Document!;
        return await handle(document.RootElement);
    }

    /// <summary>The validation problem that says nothing was stored, with the fields named.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string what) =>
        TypedResults.ValidationProblem(errors, title: $"Nothing was stored: the {what} are not valid");

    private static async Task<JsonBody> ReadAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return new(null, TypedResults.Problem($"Send the {what} as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type"), null);
        }

        if (await ReadLimitedAsync(request, cancellationToken) is not { } bytes)
        {
            return new(null, TypedResults.Problem($"The body is larger than {MaxBytes / 1024} KiB; send fewer {what} per request.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large"), null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException malformed)
        {
            return new(null, null, Invalid("body", $"is not valid JSON: {malformed.Message}", what));
        }

        if (MayHoldEscapedSurrogate(bytes) && UnreadableText(document.RootElement, "") is { } path)
        {
            document.Dispose();
            return new(null, null, Invalid(path.Length == 0 ? "body" : path, "is not valid UTF-16 text (a lone surrogate such as \\ud800)", what));
        }

        return new(document, null, null);
    }

    private static ValidationProblem Invalid(string field, string message, string what) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, what);

    /// <summary>
    /// Only an escape (<c>\uD800</c> to <c>\uDFFF</c>) can put half of a surrogate pair into JSON: the parser refuses it
    /// raw. A body with no <c>\uD</c> in it is not walked (walking read every string of a 1,000-event batch again).
    /// </summary>
    private static bool MayHoldEscapedSurrogate(ReadOnlySpan<byte> json)
    {
        while (json.IndexOf("\\u"u8) is var at and >= 0 && at + 2 < json.Length)
        {
            if ((json[at + 2] | 0x20) == 'd')
            {
                return true;
            }

            json = json[(at + 2)..];
        }

        return false;
    }

    /// <summary>
    /// JSON may escape half of a surrogate pair (<c>"\ud800"</c>), which parses but cannot become a .NET string; the
    /// readers would fail on it later. Returns the path of the first such string or property name, or null.
    /// </summary>
    private static string? UnreadableText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when !Readable(() => element.GetString()):
                return path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (UnreadableText(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Readable(() => property.Name))
                    {
                        return path;
                    }

                    if (UnreadableText(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <returns>The body, or null when it is larger than <see cref="MaxBytes"/>.</returns>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}

/// <summary>A parsed body, or the problem to answer instead.</summary>
internal sealed record JsonBody(JsonDocument? Document, ProblemHttpResult? Problem, ValidationProblem? Invalid);
