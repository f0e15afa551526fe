using System.Diagnostics;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Templates;

namespace Switchboard.UnitTests.Templates;

public sealed class FluidTemplateRendererTests
{
    private static readonly FluidTemplateRenderer Renderer = new(Options.Create(new NotificationLimitsOptions()));

    private static readonly TemplateModel Model = new(
        "IdmIdentity", "UPDATE", "WARNING", null, ["state", "EAV:clinicCode"],
        new TemplateState(new Dictionary<string, string?> { ["state"] = "VALID" }, new Dictionary<string, string?> { ["clinicCode"] = "100" }),
        new TemplateState(new Dictionary<string, string?> { ["state"] = "LEFT" }, new Dictionary<string, string?> { ["clinicCode"] = "200" }),
        new TemplatePerson("jnovak", "Jan", "<Novák>", "jan@example.test", "richard.maly"),
        new TemplateRecipient("richard.maly@example.test", "richard.maly", "Richard Malý"),
        new TemplateConfiguration("identity:state-changed", "State changes to the manager"));

    private static Task<RenderedEmail> Render(string subject, string html = "", string text = "") =>
        Renderer.RenderAsync(new EmailTemplate(subject, html, text), Model, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Render_SeesTheEventTheIdentityAndTheChange()
    {
        var email = await Render(
            "[{{ level }}] {{ identity.fullName }}: {{ before.attributes.state }} → {{ after.attributes.state }}",
            text: "Changed: {{ changed | join: ', ' }}. Clinic {{ before.eav.clinicCode }} → {{ after.eav.clinicCode }}. For {{ recipient.name }} ({{ configuration.topic }}).");

        Assert.Equal("[WARNING] Jan <Novák>: VALID → LEFT", email.Subject);
        Assert.Equal("Changed: state, EAV:clinicCode. Clinic 100 → 200. For Richard Malý (identity:state-changed).", email.TextBody);
    }

    [Fact]
    public async Task Render_EncodesValuesInTheHtmlBodyOnly()
    {
        var email = await Render("{{ identity.lastName }}", html: "<p>{{ identity.lastName }}</p>", text: "{{ identity.lastName }}");

        Assert.Equal("<p>&lt;Nov&#xE1;k&gt;</p>", email.HtmlBody);
        Assert.Equal("<Novák>", email.TextBody);
        Assert.Equal("<Novák>", email.Subject);
    }

    [Fact]
    public async Task Render_UnknownNamesAndDotNetMembers_RenderNothing()
    {
        var email = await Render("a{{ nothing.here }}b{{ identity.GetType }}c{{ identity.username.Length }}d");

        Assert.Equal("abcd", email.Subject);
    }

    [Fact]
    public void Check_ValidTemplate_IsValid() =>
        Assert.True(Renderer.Check("{% if level == 'ERROR' %}!{% endif %}{{ identity.username }}").Valid);

    [Fact]
    public void Check_BrokenTemplate_SaysWhereWithLineAndColumn()
    {
        var check = Renderer.Check("Hello\n{% if level %}unclosed");

        Assert.False(check.Valid);
        Assert.NotNull(check.Error);
        Assert.Equal(2, check.Line);
        Assert.NotNull(check.Column);
    }

    [Fact]
    public async Task NestedLoops_StopAtTheStepLimit_Quickly()
    {
        var renderer = new FluidTemplateRenderer(Options.Create(new NotificationLimitsOptions { TemplateMaxSteps = 10_000 }));
        const string Loops = "{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}";
        var clock = Stopwatch.StartNew();

        var limit = await Assert.ThrowsAsync<TemplateLimitExceededException>(() =>
            renderer.RenderAsync(new EmailTemplate("s", Loops, ""), Model, TestContext.Current.CancellationToken));

        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.Contains("HTML body", limit.Message, StringComparison.Ordinal);
        Assert.Contains("10000 steps", limit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeRendering_StopsAtTheSizeLimit_WhileItIsWritten()
    {
        var renderer = new FluidTemplateRenderer(Options.Create(new NotificationLimitsOptions { MaxRenderedCharacters = 10_000, TemplateMaxSteps = 1_000_000 }));
        const string Big = "{% for a in (1..100000) %}{{ identity.username }} {{ identity.email }}{% endfor %}";

        var limit = await Assert.ThrowsAsync<TemplateLimitExceededException>(() =>
            renderer.RenderAsync(new EmailTemplate("s", "", Big), Model, TestContext.Current.CancellationToken));

        Assert.Equal("the text body: it rendered more than 10000 characters", limit.Message);
    }

    [Fact]
    public async Task RenderingPastItsTime_IsCancelled()
    {
        var renderer = new FluidTemplateRenderer(Options.Create(new NotificationLimitsOptions { TemplateMaxSteps = 100_000_000, MaxRenderedCharacters = 100_000_000 }));
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        const string Slow = "{% for a in (1..100000) %}{% for b in (1..1000) %}x{% endfor %}{% endfor %}";
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => renderer.RenderAsync(new EmailTemplate("s", Slow, ""), Model, budget.Token));

        Assert.True(clock.ElapsedMilliseconds < 5000, $"took {clock.ElapsedMilliseconds} ms");
    }
}
