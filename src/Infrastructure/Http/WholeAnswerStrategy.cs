using Polly;

namespace Switchboard.Infrastructure.Http;

/// <summary>
/// The resilience pipeline's step that reads an answer's body into memory, so the pipeline's timeouts cover the whole
/// answer (as <c>HttpClient</c>'s own deadline would) and a body that breaks off is a failed attempt like any other.
/// </summary>
internal sealed class WholeAnswerStrategy : ResilienceStrategy<HttpResponseMessage>
{
    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is not { } response)
        {
            return outcome;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            return outcome;
        }
        catch (Exception broken) when (broken is HttpRequestException or OperationCanceledException or IOException)
        {
            response.Dispose();
            return Outcome.FromException<HttpResponseMessage>(broken);
        }
    }
}
