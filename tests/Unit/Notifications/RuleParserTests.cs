using Switchboard.Domain.Notifications.Rules;

namespace Switchboard.UnitTests.Notifications;

public sealed class RuleParserTests
{
    private static NotificationRule Parsed(string text)
    {
        var result = RuleParser.Parse(text);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Rule!;
    }

    private static string Errors(string text) => string.Join("; ", RuleParser.Parse(text).Errors);

    [Fact]
    public void StandardAttributeTransition() =>
        Assert.Equal(new TransitionRule(AttributeKind.Standard, "firstName", ValuePattern.Exactly("John"), ValuePattern.Exactly("Johny")), Parsed("firstName:John->Johny"));

    [Fact]
    public void EavTransition() =>
        Assert.Equal(new TransitionRule(AttributeKind.Eav, "clinicCode", ValuePattern.Exactly("100"), ValuePattern.Exactly("200")), Parsed("EAV:clinicCode:100->200"));

    [Fact]
    public void EavTransition_WithAddressesAsBareValues() =>
        Assert.Equal(
            new TransitionRule(AttributeKind.Eav, "alternateEmail", ValuePattern.Exactly("john@example.tld"), ValuePattern.Exactly("johny@externist_example.tld")),
            Parsed("EAV:alternateEmail:john@example.tld->johny@externist_example.tld"));

    [Fact]
    public void WildcardFrom() =>
        Assert.Equal(new TransitionRule(AttributeKind.Eav, "supervisor", ValuePattern.Any, ValuePattern.Exactly("true")), Parsed("EAV:supervisor:*->true"));

    [Fact]
    public void NullTo() =>
        Assert.Equal(new TransitionRule(AttributeKind.Standard, "email", ValuePattern.Any, ValuePattern.Null), Parsed("email:*->null"));

    [Fact]
    public void Changed() =>
        Assert.Equal(new ChangedRule(AttributeKind.Standard, "externalCode"), Parsed("externalCode:CHANGED"));

    [Fact]
    public void Always() => Assert.IsType<AlwaysRule>(Parsed("  !  "));

    [Fact]
    public void QuotedValues_KeepArrowsColonsAndKeywordsLiterally()
    {
        var rule = (TransitionRule)Parsed("description:\"a->b\"->\"null\"");

        Assert.Equal((ValuePattern.Exactly("a->b"), ValuePattern.Exactly("null")), (rule.From, rule.To));
    }

    [Fact]
    public void QuotedValues_UnderstandEscapedQuoteAndBackslash()
    {
        var rule = (TransitionRule)Parsed("title:\"say \\\"hi\\\"\"->\"C:\\\\temp\"");

        Assert.Equal((ValuePattern.Exactly("say \"hi\""), ValuePattern.Exactly("C:\\temp")), (rule.From, rule.To));
    }

    [Fact]
    public void AttributeCodes_MayHoldDotsDashesAndUnderscores() =>
        Assert.Equal("a.b-c_d1", ((ChangedRule)Parsed("a.b-c_d1:CHANGED")).Attribute);

    [Fact]
    public void ToString_WritesTheRuleBackSoThatItParsesTheSame()
    {
        foreach (var text in new[] { "firstName:John->Johny", "EAV:supervisor:*->true", "email:*->null", "externalCode:CHANGED", "!", "d:\"a->b\"->\"x:y\"" })
        {
            Assert.Equal(Parsed(text), Parsed(Parsed(text).ToString()!));
        }
    }

    [Theory]
    [InlineData("", "expected a rule: attribute:from->to, attribute:CHANGED or ! at column 1")]
    [InlineData("firstName:John", "expected '->' at column 15")]
    [InlineData("firstName", "expected ':' at column 10")]
    [InlineData("first name:a->b", "unexpected ' ' in the attribute code (letters, digits, '_', '-', '.') at column 6")]
    [InlineData(":a->b", "expected an attribute code (letters, digits, '_', '-', '.') at column 1")]
    [InlineData("state:->LEFT", "expected a value at column 7")]
    [InlineData("state:VALID->", "expected a value at column 14")]
    [InlineData("url:http://x->y", "':' in a value must be quoted at column 9")]
    [InlineData("d:\"open->x", "unterminated quoted value at column 3")]
    [InlineData("d:\"a\\nb\"->x", "unknown escape '\\n' (only \\\" and \\\\) at column 5")]
    [InlineData("! extra", "unexpected 'e' after the rule at column 3")]
    [InlineData("state:CHANGED->x", "'CHANGED' as a value must be quoted at column 7")]
    [InlineData("d:a->b->c", "'->' in a value must be quoted at column 7")]
    public void Error_SaysWhatWasExpectedAndWhere(string text, string error) =>
        Assert.Equal(error, Errors(text));

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var errors = RuleParser.Parse("first name:a:b->c:d").Errors;

        Assert.Equal([6, 13, 18], errors.Select(e => e.Column));
    }
}
