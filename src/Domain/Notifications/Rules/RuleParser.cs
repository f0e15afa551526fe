using System.Text;

namespace Switchboard.Domain.Notifications.Rules;

/// <summary>
/// Parses the rule syntax of the notification module: <c>[EAV:]attribute:from->to</c>, <c>[EAV:]attribute:CHANGED</c>
/// or <c>!</c>. A value is <c>*</c> (any), <c>null</c> (none), a bare value, or a double-quoted value (with <c>\"</c> and
/// <c>\\</c>) — quotes are needed for values containing <c>-&gt;</c>, <c>:</c> or <c>"</c>, or that are literally
/// <c>null</c>, <c>*</c> or <c>CHANGED</c>. Whitespace around the whole rule is ignored; inside, it belongs to the values.
/// Every problem found is reported with its 1-based column.
/// </summary>
public static class RuleParser
{
    public static RuleParseResult Parse(string? text) => new Reader((text ?? "").TrimEnd()).Rule();

    private sealed class Reader(string text)
    {
        private const string EavPrefix = "EAV:";
        private const string Arrow = "->";
        private const string Changed = "CHANGED";

        private readonly List<RuleError> _errors = [];
        private int _position;

        private bool AtEnd => _position >= text.Length;
        private int Column => _position + 1;

        public RuleParseResult Rule()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            if (AtEnd)
            {
                return Fail("expected a rule: attribute:from->to, attribute:CHANGED or !");
            }

            if (text[_position] == '!')
            {
                _position++;
                while (!AtEnd && char.IsWhiteSpace(text[_position]))
                {
                    _position++;
                }

                ExpectEnd();
                return Result(new AlwaysRule());
            }

            var kind = AttributeKind.Standard;
            if (text.AsSpan(_position).StartsWith(EavPrefix, StringComparison.Ordinal))
            {
                kind = AttributeKind.Eav;
                _position += EavPrefix.Length;
            }

            var attribute = AttributeCode();
            if (AtEnd || text[_position] != ':')
            {
                return Fail("expected ':'");
            }

            _position++;
            if (text.AsSpan(_position).SequenceEqual(Changed))
            {
                _position += Changed.Length;
                return Result(new ChangedRule(kind, attribute));
            }

            var from = Value(untilArrow: true);
            if (!text.AsSpan(_position).StartsWith(Arrow, StringComparison.Ordinal))
            {
                // An unterminated quote has already said what is wrong; the missing arrow follows from it.
                return from is null && AtEnd ? Result(null) : Fail("expected '->'");
            }

            _position += Arrow.Length;
            var to = Value(untilArrow: false);
            ExpectEnd();
            return from is null || to is null ? Result(null) : Result(new TransitionRule(kind, attribute, from, to));
        }

        private string AttributeCode()
        {
            var start = _position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '-' or '.'))
            {
                _position++;
            }

            if (_position == start)
            {
                Error("expected an attribute code (letters, digits, '_', '-', '.')");
            }
            else if (!AtEnd && text[_position] != ':')
            {
                Error($"unexpected '{text[_position]}' in the attribute code (letters, digits, '_', '-', '.')");
            }

            var code = text[start.._position];
            while (!AtEnd && text[_position] != ':')
            {
                _position++;
            }

            return code;
        }

        private ValuePattern? Value(bool untilArrow)
        {
            if (AtEnd || (untilArrow && text.AsSpan(_position).StartsWith(Arrow, StringComparison.Ordinal)))
            {
                Error("expected a value");
                return null;
            }

            return text[_position] == '"' ? Quoted(untilArrow) : Bare(untilArrow);
        }

        private ValuePattern? Quoted(bool untilArrow)
        {
            var start = Column;
            var value = new StringBuilder();
            var valid = true;
            _position++;
            while (true)
            {
                if (AtEnd)
                {
                    _errors.Add(new RuleError(start, "unterminated quoted value"));
                    return null;
                }

                var c = text[_position];
                if (c == '"')
                {
                    _position++;
                    break;
                }

                if (c == '\\')
                {
                    var escaped = _position + 1 < text.Length ? text[_position + 1] : '\0';
                    if (escaped is '"' or '\\')
                    {
                        value.Append(escaped);
                        _position += 2;
                        continue;
                    }

                    Error(escaped == '\0' ? "unfinished escape '\\'" : $"unknown escape '\\{escaped}' (only \\\" and \\\\)");
                    valid = false;
                }

                value.Append(c);
                _position++;
            }

            if (untilArrow && !AtEnd && !text.AsSpan(_position).StartsWith(Arrow, StringComparison.Ordinal))
            {
                Error("expected '->'");
                valid = false;
                while (!AtEnd && !text.AsSpan(_position).StartsWith(Arrow, StringComparison.Ordinal))
                {
                    _position++;
                }
            }

            return valid ? ValuePattern.Exactly(value.ToString()) : null;
        }

        private ValuePattern? Bare(bool untilArrow)
        {
            var start = _position;
            var valid = true;
            while (!AtEnd && !(untilArrow && text.AsSpan(_position).StartsWith(Arrow, StringComparison.Ordinal)))
            {
                var problem = text[_position] switch
                {
                    ':' => "':' in a value must be quoted",
                    '"' => "'\"' in a value must be quoted",
                    '-' when !untilArrow && _position + 1 < text.Length && text[_position + 1] == '>' => "'->' in a value must be quoted",
                    _ => null,
                };
                if (problem is not null)
                {
                    Error(problem);
                    valid = false;
                }

                _position++;
            }

            var value = text[start.._position];
            switch (value)
            {
                case "*":
                    return ValuePattern.Any;
                case "null":
                    return ValuePattern.Null;
                case Changed:
                    _errors.Add(new RuleError(start + 1, "'CHANGED' as a value must be quoted"));
                    return null;
                default:
                    return valid ? ValuePattern.Exactly(value) : null;
            }
        }

        private void ExpectEnd()
        {
            if (!AtEnd)
            {
                Error($"unexpected '{text[_position]}' after the rule");
            }
        }

        private void Error(string message) => _errors.Add(new RuleError(Column, message));

        private RuleParseResult Fail(string message)
        {
            Error(message);
            return Result(null);
        }

        private RuleParseResult Result(NotificationRule? rule) =>
            _errors.Count == 0 && rule is not null ? new RuleParseResult(rule, []) : new RuleParseResult(null, _errors);
    }
}
