using Polly;

namespace Switchboard.Infrastructure.Mattermost;

/// <summary>The resilience pipeline's step that waits for <see cref="MattermostPacing"/> before each attempt and shows it every answer.</summary>
internal sealed class MattermostPacingStrategy(MattermostPacing pacing) : ResilienceStrategy<HttpResponseMessage>
{
    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        try
        {
            await pacing.WaitTurnAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException cancelled)
        {
            return Outcome.FromException<HttpResponseMessage>(cancelled);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is { } response)
        {
            pacing.Observe(response);
        }

        return outcome;
    }
}
