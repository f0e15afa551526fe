using System.Globalization;

namespace Switchboard.Portal.Api;

/// <summary>
/// How every list of the machine API pages: <c>page</c> counts from 0 (the first page is 0) up to <see cref="MaxPage"/>;
/// <c>pageSize</c> is clamped to 1..500 (default 50). A page outside that range is 400 naming <c>page</c>, instead of
/// an offset that overflows and quietly answers the first page.
/// </summary>
internal static class ApiPaging
{
    public const int MaxPage = 1_000_000;

    /// <summary>What every list endpoint's OpenAPI description says about paging.</summary>
    public const string Description = "page counts from 0 (the first page is page=0, the default) up to 1000000, else 400 naming page; "
        + "pageSize 1 to 500 (default 50, clamped). Answers {\"items\": [...], \"totalCount\": n}; a page past the end has no items. "
        + "A query value that does not bind (a bool, number, date or enum) is 400 naming the parameter.";

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var query = context.HttpContext.Request.Query;
        if (query.TryGetValue("page", out var values)
            && int.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var page)
            && page is < 0 or > MaxPage)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["page"] = [$"must be between 0 (the first page) and {MaxPage}, not {page}"] },
                title: "The request is not valid");
        }

        return await next(context);
    }
}
