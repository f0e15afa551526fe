using Microsoft.Extensions.Options;
using Switchboard.Portal;

var builder = WebApplication.CreateBuilder(args);
builder.AddSwitchboardConfiguration().AddPortal();

var app = builder.Build();
app.UsePortal();

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (BadSettings(ex) is { Count: > 0 } failures)
{
    // One line that names every bad setting, instead of a stack trace.
    await Console.Error.WriteLineAsync($"Switchboard cannot start: {string.Join(" ", failures)}");
    return 1;
}

// Several bad sections arrive together as an AggregateException of validation failures.
static List<string> BadSettings(Exception ex) => ex switch
{
    OptionsValidationException invalid => invalid.Failures.ToList(),
    AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
        all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList(),
    _ => [],
};

public partial class Program;
