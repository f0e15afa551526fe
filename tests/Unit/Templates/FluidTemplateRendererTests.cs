using Switchboard.Domain.Notifications.Templates;
using Switchboard.Infrastructure.Templates;

namespace Switchboard.UnitTests.Templates;

public sealed class FluidTemplateRendererTests
{
    private static readonly FluidTemplateRenderer Renderer = new();

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
}
