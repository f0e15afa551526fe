namespace Switchboard.UnitTests.Http;

/// <summary>
/// Stands in for a remote server under an <c>HttpClient</c>: answers each call from a function and remembers what was
/// asked (<c>"GET /path"</c>). Several handlers may share one record, as the handlers <c>IHttpClientFactory</c> rotates do.
/// </summary>
public sealed class FakeServer(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer, List<string>? asked = null) : HttpMessageHandler
{
    public FakeServer(Func<HttpRequestMessage, HttpResponseMessage> answer)
        : this((request, _) => Task.FromResult(answer(request)))
    {
    }

    public List<string> Asked { get; } = asked ?? [];

    public int AskedCount
    {
        get
        {
            lock (Asked)
            {
                return Asked.Count;
            }
        }
    }

    public IReadOnlyList<string> AskedSoFar()
    {
        lock (Asked)
        {
            return [.. Asked];
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
        }

        return answer(request, cancellationToken);
    }
}
