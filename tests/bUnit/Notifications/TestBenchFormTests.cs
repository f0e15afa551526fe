using Switchboard.Domain.Events;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

/// <summary>The test bench's choice between the builder and the JSON field when Dry run is pressed.</summary>
public sealed class TestBenchFormTests
{
    [Fact]
    public void DryRun_AfterChangingTheBuilder_EvaluatesWhatIsOnTheScreen()
    {
        var form = new TestBenchForm { Identity = "ada" };
        var json = form.Fill();

        // The builder is changed after "Use this event" filled the JSON field; Dry run is pressed without using it again.
        form.Identity = "grace";
        form.Changes[0].After = "DISABLED";
        var run = form.JsonToRun(json);

        var (entityEvent, errors) = TestBenchService.ReadEvent(run);
        Assert.Empty(errors);
        Assert.Equal("grace", entityEvent!.Identity);
        Assert.Contains("DISABLED", run, StringComparison.Ordinal);
    }

    [Fact]
    public void DryRun_OfJsonEditedByHand_BuilderUntouched_EvaluatesTheJson()
    {
        var form = new TestBenchForm();
        var pasted = TestBenchService.SampleEvent(EntityTypes.IdmIdentity);

        Assert.Equal(pasted, form.JsonToRun(pasted));

        var edited = form.Fill().Replace("\"identity\": \"\"", "\"identity\": \"linus\"", StringComparison.Ordinal);
        Assert.Equal(edited, form.JsonToRun(edited));
    }
}
