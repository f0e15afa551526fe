using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchboard.GlpiSimulator;

/// <summary>
/// <c>GET apirest.php/search/Ticket</c> as <c>apirest.md</c> ("Search items") documents it and GLPI's <c>API::searchItems</c>
/// answers: <c>criteria[n][link|field|searchtype|value]</c> on the search options 1 (title), 2 (id), 12 (status), 21
/// (description) and 80 (entity); <c>contains</c> is a case-insensitive wildcard search that <c>^</c> and <c>$</c> anchor;
/// <c>forcedisplay[n]</c>; <c>range</c> (default 0-49). The answer is <c>{totalcount, count, sort, order, data: [rows keyed
/// by search option id]}</c> with <c>Content-Range</c> and <c>Accept-Range</c>; 206 when the range holds only part of
/// the rows; 400 <c>ERROR</c> for a malformed criterion or an unknown field, 400 <c>ERROR_RANGE_EXCEED_TOTAL</c>.
/// </summary>
public static partial class GlpiTicketSearch
{
    private const int Title = 1, Id = 2, Status = 12, Description = 21, Entity = 80;
    private static readonly int[] AlwaysShown = [Title, Id, Entity];
    private static readonly HashSet<int> Known = [Title, Id, Status, Description, Entity];

    public static IResult Answer(HttpContext context, string itemtype, IReadOnlyList<SimulatedTicket> tickets)
    {
        if (!string.Equals(itemtype, "Ticket", StringComparison.OrdinalIgnoreCase))
        {
            return GlpiApi.Error(context, 400, "ERROR_ITEMTYPE_NOT_FOUND_NOR_COMMONDBTM", "Resource not found or not an instance of CommonDBTM");
        }

        var query = context.Request.Query;
        var criteria = Indexed(query, "criteria");
        foreach (var criterion in criteria.Values)
        {
            if (!criterion.TryGetValue("field", out var given) || !criterion.ContainsKey("searchtype") || !criterion.ContainsKey("value"))
            {
                return GlpiApi.Error(context, 400, "ERROR", "Malformed search criteria");
            }

            if (!int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var field) || !Known.Contains(field))
            {
                return GlpiApi.Error(context, 400, "ERROR", "Bad field ID in search criteria");
            }
        }

        var (start, end) = (0, 49);
        if (query["range"].ToString() is { Length: > 0 } range)
        {
            var match = Range().Match(range);
            if (!match.Success)
            {
                return GlpiApi.Error(context, 400, "ERROR", "range must be in format : [start-end] with integers");
            }

            (start, end) = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        var found = tickets.Where(t => Matches(t, criteria.Values)).OrderBy(t => t.Id).ToList();
        if (start > found.Count)
        {
            return GlpiApi.Error(context, 400, "ERROR_RANGE_EXCEED_TOTAL", $"Provided range exceed total count of data: {found.Count}");
        }

        var columns = AlwaysShown
            .Concat(query.Where(q => Forced().IsMatch(q.Key))
                .Select(q => int.TryParse(q.Value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0))
            .Concat(criteria.Values.Select(c => int.Parse(c["field"], CultureInfo.InvariantCulture)))
            .Where(Known.Contains).Distinct().ToList();
        var page = found.Skip(start).Take(Math.Max(0, end - start + 1)).ToList();
        var last = Math.Min(end, found.Count - 1);
        context.Response.Headers["Content-Range"] = $"{start}-{last}/{found.Count}";
        context.Response.Headers["Accept-Range"] = "Ticket 1000";
        return Results.Json(new
        {
            totalcount = found.Count,
            count = page.Count,
            sort = new[] { 1 },
            order = new[] { "ASC" },
            data = page.Select(t => columns.ToDictionary(c => c.ToString(CultureInfo.InvariantCulture), c => ValueOf(t, c))),
        }, statusCode: found.Count > page.Count ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK);
    }

    private static bool Matches(SimulatedTicket ticket, IEnumerable<Dictionary<string, string>> criteria)
    {
        var result = true;
        var first = true;
        foreach (var criterion in criteria)
        {
            var value = ValueOf(ticket, int.Parse(criterion["field"], CultureInfo.InvariantCulture))?.ToString() ?? "";
            var hit = Hit(criterion["searchtype"], value, criterion["value"]);
            var link = first ? "AND" : criterion.GetValueOrDefault("link", "AND").ToUpperInvariant();
            result = link switch
            {
                "OR" => result || hit,
                "AND NOT" => result && !hit,
                "OR NOT" => result || !hit,
                _ => result && hit,
            };
            first = false;
        }

        return result;
    }

    private static bool Hit(string searchtype, string value, string wanted) => searchtype switch
    {
        "equals" or "under" => string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase),
        "notequals" or "notunder" => !string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase),
        "lessthan" => double.TryParse(value, CultureInfo.InvariantCulture, out var a) && double.TryParse(wanted, CultureInfo.InvariantCulture, out var b) && a < b,
        "morethan" => double.TryParse(value, CultureInfo.InvariantCulture, out var c) && double.TryParse(wanted, CultureInfo.InvariantCulture, out var d) && c > d,
        _ => Contains(value, wanted),
    };

    /// <summary>GLPI's <c>contains</c>: <c>LIKE '%value%'</c>, case-insensitive; a leading <c>^</c> or trailing <c>$</c> anchors it.</summary>
    private static bool Contains(string value, string wanted)
    {
        var (atStart, atEnd) = (wanted.StartsWith('^'), wanted.Length > 1 && wanted.EndsWith('$'));
        var core = wanted[(atStart ? 1 : 0)..(atEnd ? wanted.Length - 1 : wanted.Length)];
        return atStart && atEnd ? value.Equals(core, StringComparison.OrdinalIgnoreCase)
            : atStart ? value.StartsWith(core, StringComparison.OrdinalIgnoreCase)
            : atEnd ? value.EndsWith(core, StringComparison.OrdinalIgnoreCase)
            : value.Contains(core, StringComparison.OrdinalIgnoreCase);
    }

    private static object? ValueOf(SimulatedTicket ticket, int field) => field switch
    {
        Title => ticket.Input.GetValueOrDefault("name"),
        Id => ticket.Id,
        Status => "1",
        Description => ticket.Input.GetValueOrDefault("content"),
        _ => "Root entity",
    };

    /// <summary>PHP's nested query arrays: <c>criteria[0][field]=21</c> → index 0 → { field: 21 }.</summary>
    private static SortedDictionary<int, Dictionary<string, string>> Indexed(IQueryCollection query, string name)
    {
        var found = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (key, value) in query)
        {
            var match = Nested().Match(key);
            if (match.Success && match.Groups[1].Value == name)
            {
                var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                var fields = found.TryGetValue(index, out var known) ? known : found[index] = new Dictionary<string, string>(StringComparer.Ordinal);
                fields[match.Groups[3].Value] = value.ToString();
            }
        }

        return found;
    }

    [GeneratedRegex(@"^(\w+)\[(\d+)\]\[(\w+)\]$")]
    private static partial Regex Nested();

    [GeneratedRegex(@"^forcedisplay\[\d+\]$")]
    private static partial Regex Forced();

    [GeneratedRegex(@"^(\d+)-(\d+)$")]
    private static partial Regex Range();
}
