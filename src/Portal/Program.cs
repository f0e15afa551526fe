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
catch (OptionsValidationException invalid)
{
    // One line that names every bad setting, instead of a stack trace.
    await Console.Error.WriteLineAsync($"Switchboard cannot start: {string.Join(" ", invalid.Failures)}");
    return 1;
}

public partial class Program;
