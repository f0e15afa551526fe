using Microsoft.Extensions.Options;
using Switchboard.Infrastructure;
using Switchboard.Portal;
using Switchboard.Portal.Hosting;

var builder = WebApplication.CreateBuilder(PortalHost.Options(args));
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

// Several bad sections arrive together as an AggregateException of validation failures. A data folder or database the
// portal cannot use is reported the same way.
static List<string> BadSettings(Exception ex) => ex switch
{
    OptionsValidationException invalid => invalid.Failures.ToList(),
    StartupFailureException failure => [failure.Message],
    AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException or StartupFailureException) =>
        all.InnerExceptions.SelectMany(BadSettings).ToList(),
    _ => [],
};

public partial class Program;
