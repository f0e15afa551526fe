using Bunit;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications;
using Switchboard.Infrastructure.Notifications;
using Switchboard.Infrastructure.Notifications.Scripts;
using Switchboard.Portal.Features.Notifications;

namespace Switchboard.ComponentTests.Notifications;

public sealed class ConfigurationFieldsTests : ComponentTestContext
{
    private static readonly TopicRow[] Topics = [new("identity:state-changed", null, "State changed")];

    private IRenderedComponent<ConfigurationFields> Render(ConfigurationForm form, IReadOnlyDictionary<string, string>? errors = null) =>
        Render<ConfigurationFields>(p => p
            .Add(c => c.Form, form)
            .Add(c => c.Topics, Topics)
            .Add(c => c.Errors, errors ?? new Dictionary<string, string>()));

    /// <summary>Everything the field shows: its value's label, helper text and error.</summary>
    private static string FieldText(IRenderedComponent<ConfigurationFields> fields, string label) =>
        fields.InputLabelled(label).Closest(".mud-input-control")!.TextContent;

    [Fact]
    public void TypingABrokenRule_ShowsTheErrorWithItsColumn()
    {
        var fields = Render(new ConfigurationForm());

        fields.InputLabelled("Rule").Input("state:VALID-LEFT");

        fields.WaitForAssertion(() => Assert.Contains("expected '->' at column 17", FieldText(fields, "Rule"), StringComparison.Ordinal));
    }

    [Fact]
    public void TypingAGoodRule_SaysHowItIsUnderstood()
    {
        var fields = Render(new ConfigurationForm());

        fields.InputLabelled("Rule").Input("EAV:clinicCode:100->\"a->b\"");

        fields.WaitForAssertion(() => Assert.Contains("Understood as: EAV:clinicCode:100->\"a->b\"", FieldText(fields, "Rule"), StringComparison.Ordinal));
    }

    [Fact]
    public void ValidatorMessages_AppearBesideTheirFields()
    {
        var validator = new NotificationConfigurationDraftValidator(new JintNotificationScripts(Options.Create(new ScriptOptions())));
        var form = new ConfigurationForm { UseRuleScript = true, RuleScript = "if (", RecipientsScript = null };
        var errors = validator.Validate(form.ToDraft()).Errors
            .GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.ErrorMessage)));

        var fields = Render(form, errors);

        Assert.Contains("The rule script does not parse", FieldText(fields, "Rule script"), StringComparison.Ordinal);
        Assert.Contains("Choose the topic whose e-mail is sent.", FieldText(fields, "Topic"), StringComparison.Ordinal);
        Assert.Contains("Choose at least one recipient", fields.Find(".mud-alert").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TestScriptButton_AsksForTheScriptOfItsKind()
    {
        ScriptTestRequest? asked = null;
        var fields = Render<ConfigurationFields>(p => p
            .Add(c => c.Form, new ConfigurationForm { UseRuleScript = true, RuleScript = "event.changed.length > 0" })
            .Add(c => c.OnTestScript, (ScriptTestRequest r) => asked = r));

        fields.FindAll("button").Single(b => b.TextContent.Trim() == "Test rule script").Click();

        Assert.Equal(new ScriptTestRequest(ScriptKind.Rule, "event.changed.length > 0"), asked);
    }

    [Fact]
    public void ScriptTestFailure_IsShownAsAnError()
    {
        var fields = Render<ConfigurationFields>(p => p
            .Add(c => c.Form, new ConfigurationForm { UseRuleScript = true, RuleScript = "while (true) { }" })
            .Add(c => c.ScriptResult, new ScriptTestResult(false, "Rule script failed: the script ran longer than 50 ms")));

        var alert = fields.Find("[aria-label='Script test result']");
        Assert.Contains("mud-alert-text-error", alert.ClassList);
        Assert.Contains("ran longer than 50 ms", alert.TextContent, StringComparison.Ordinal);
    }
}
