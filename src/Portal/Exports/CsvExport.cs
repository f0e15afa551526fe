using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Switchboard.Portal.Exports;

/// <summary>
/// The one way the portal writes a CSV file for people to open: a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return gets a leading <c>'</c>, so that a spreadsheet shows it as text instead of running
/// it as a formula (<c>=HYPERLINK(…)</c>, <c>+cmd|…</c>; OWASP "CSV injection").
/// </summary>
public static class CsvExport
{
    private static readonly CsvConfiguration Format = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    };

    public static CsvWriter CreateWriter(TextWriter text) => new(text, Format, leaveOpen: true);
}
