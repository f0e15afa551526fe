using System.Text.Json;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Options;
using Switchboard.Domain.Notifications.Scripts;
using Switchboard.Infrastructure.Caching;
using JsonParser = Jint.Native.Json.JsonParser;

namespace Switchboard.Infrastructure.Notifications.Scripts;

/// <summary>
/// Runs notification scripts with Jint in strict mode: no .NET types (CLR access is never enabled), no file system,
/// no network, and limits on time, statements, recursion and memory from <see cref="ScriptOptions"/>. Scripts are
/// parsed once and the parsed form reused; every run gets a fresh engine, so runs share no state.
/// </summary>
public sealed class JintNotificationScripts : INotificationScripts
{
    private const int MaxCachedScripts = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const long MaxCachedCharacters = 8 * 1024 * 1024;
    private readonly BoundedCache<Prepared<Script>> _prepared = new(MaxCachedScripts, MaxCachedCharacters);
    private readonly IOptions<ScriptOptions> _options;

    public JintNotificationScripts(IOptions<ScriptOptions> options)
    {
        _options = options;

        // The first run of the interpreter compiles its own code; done here, it does not count against a real script's time limit.
        new Engine().Evaluate("[1, 2].map(x => x * 2).join(',') + JSON.stringify({ a: 1 })");
    }

    public string? SyntaxError(string script)
    {
        try
        {
            Prepare(script);
            return null;
        }
        catch (ScriptPreparationException ex)
        {
            return ex.InnerException?.Message ?? ex.Message;
        }
    }

    public ScriptOutcome<bool> Rule(string script, ScriptEvent scriptEvent, CancellationToken cancellationToken = default) =>
        Run(script, scriptEvent, directory: null, result => result.IsBoolean()
            ? ScriptOutcome.Of(result.AsBoolean())
            : ScriptOutcome.Failure<bool>($"a rule script must end with true or false, it ended with {Describe(result)}"), cancellationToken);

    public ScriptOutcome<IReadOnlyList<string>> Recipients(
        string script, ScriptEvent scriptEvent, IScriptDirectory directory, CancellationToken cancellationToken = default) =>
        Run(script, scriptEvent, directory, Addresses, cancellationToken);

    private ScriptOutcome<T> Run<T>(
        string script, ScriptEvent scriptEvent, IScriptDirectory? directory, Func<JsValue, ScriptOutcome<T>> read, CancellationToken cancellationToken)
    {
        Prepared<Script> prepared;
        try
        {
            prepared = Prepare(script);
        }
        catch (ScriptPreparationException ex)
        {
            return ScriptOutcome.Failure<T>($"syntax error: {ex.InnerException?.Message ?? ex.Message}");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ScriptOutcome.Failure<T>(OutOfTime);
        }

        var limits = _options.Value;
        var engine = new Engine(o =>
        {
            o.Strict()
                .TimeoutInterval(limits.Timeout)
                .MaxStatements(limits.MaxStatements)
                .LimitRecursion(limits.MaxRecursionDepth)
                .LimitMemory(limits.MaxMemoryBytes)
                .CancellationToken(cancellationToken);

            // A regular expression runs inside one statement, where the time limit is not looked at: it gets its own.
            o.Constraints.RegexTimeout = limits.Timeout;

            // An array (and so a join of it) no bigger than the memory limit allows, even before anything is stored in it.
            o.Constraints.MaxArraySize = (uint)Math.Min(limits.MaxMemoryBytes / 8, uint.MaxValue);
        });
        try
        {
            GuardRepeat(engine, limits.MaxMemoryBytes);
            var parser = new JsonParser(engine);
            engine.SetValue("event", parser.Parse(JsonSerializer.Serialize(scriptEvent, Json)));
            if (directory is not null)
            {
                engine.SetValue("directory", DirectoryObject(engine, parser, directory));
            }

            return read(engine.Evaluate(prepared));
        }
        catch (JavaScriptException ex)
        {
            return ScriptOutcome.Failure<T>($"the script threw: {ex.Message} (line {ex.Location.Start.Line})");
        }
        catch (TimeoutException)
        {
            return ScriptOutcome.Failure<T>(TooLong(limits));
        }
        catch (ExecutionCanceledException)
        {
            return ScriptOutcome.Failure<T>(OutOfTime);
        }
        catch (StatementsCountOverflowException)
        {
            return ScriptOutcome.Failure<T>($"the script ran more than {limits.MaxStatements} statements");
        }
        catch (RecursionDepthOverflowException)
        {
            return ScriptOutcome.Failure<T>($"the script recursed deeper than {limits.MaxRecursionDepth} calls");
        }
        catch (MemoryLimitExceededException)
        {
            return ScriptOutcome.Failure<T>($"the script allocated more than {limits.MaxMemoryBytes} bytes");
        }
        catch (JintException ex)
        {
            return ScriptOutcome.Failure<T>($"the script failed: {ex.Message}");
        }
    }

    /// <summary>Said when the caller's time budget (all of a configuration's work for one event) ran out.</summary>
    public const string OutOfTime = "the configuration's time for this event ran out";

    private static string TooLong(ScriptOptions limits) => $"the script ran longer than {limits.Timeout.TotalMilliseconds:0} ms";

    private Prepared<Script> Prepare(string script) => _prepared.GetOrAdd(script, text => Engine.PrepareScript(text, strict: true));

    /// <summary>
    /// <c>String.prototype.repeat</c> builds its whole result in one call, before the memory limit is looked at again
    /// ('x'.repeat(2 ** 27) took 256 MB): a result larger than the limit is refused before it is made.
    /// </summary>
    private static void GuardRepeat(Engine engine, long maxMemoryBytes)
    {
        var prototype = engine.GetValue("String").AsObject().Get("prototype").AsObject();
        var repeat = prototype.Get("repeat");
        prototype.Set("repeat", new ClrFunction(engine, "repeat", (self, arguments) =>
        {
            var count = arguments.Length == 0 ? 0 : TypeConverter.ToNumber(arguments[0]);
            var length = TypeConverter.ToString(self).Length;
            if (length * count * sizeof(char) > maxMemoryBytes)
            {
                throw new MemoryLimitExceededException($"repeat would make a string of {length * count} characters");
            }

            return engine.Call(repeat, self, arguments);
        }, 1));
    }

    private static JsObject DirectoryObject(Engine engine, JsonParser parser, IScriptDirectory directory)
    {
        var api = new JsObject(engine);
        api.Set("get", JsValue.FromObject(engine, new Func<string, JsValue>(username =>
            directory.Find(username) is { } person ? parser.Parse(JsonSerializer.Serialize(person, Json)) : JsValue.Null)));
        api.Set("membersOf", JsValue.FromObject(engine, new Func<string, JsValue>(role =>
            parser.Parse(JsonSerializer.Serialize(directory.MembersOf(role), Json)))));
        return api;
    }

    private static ScriptOutcome<IReadOnlyList<string>> Addresses(JsValue result)
    {
        if (result.IsString())
        {
            return ScriptOutcome.Of<IReadOnlyList<string>>([result.AsString()]);
        }

        if (result.IsNull() || result.IsUndefined())
        {
            return ScriptOutcome.Of<IReadOnlyList<string>>([]);
        }

        if (!result.IsArray())
        {
            return ScriptOutcome.Failure<IReadOnlyList<string>>(
                $"a recipients script must end with an array of usernames or e-mail addresses, it ended with {Describe(result)}");
        }

        var addresses = new List<string>();
        foreach (var item in result.AsArray())
        {
            if (!item.IsString())
            {
                return ScriptOutcome.Failure<IReadOnlyList<string>>($"a recipients script returned {Describe(item)} in its array; only strings are recipients");
            }

            addresses.Add(item.AsString());
        }

        return ScriptOutcome.Of<IReadOnlyList<string>>(addresses);
    }

    private static string Describe(JsValue value) => value.IsUndefined() ? "undefined" : $"{value.Type.ToString().ToLowerInvariant()} {value}";
}
