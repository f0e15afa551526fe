using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// Text filters that ignore case the same way on both providers: SQLite's <c>LIKE</c> ignores the case of ASCII letters,
/// PostgreSQL's does not, so there the filter is <c>ILIKE</c>. (<c>string.StartsWith</c> in a query becomes <c>LIKE</c>
/// on both, and would match differently.)
/// </summary>
internal static class TextMatch
{
    private const string Escape = "\\";

    /// <summary>The rows whose <paramref name="column"/> starts with <paramref name="prefix"/>, in any case.</summary>
    public static IQueryable<T> WhereStartsWithIgnoringCase<T>(
        this IQueryable<T> query, DatabaseFacade database, Expression<Func<T, string>> column, string prefix)
    {
        var pattern = Escaped(prefix) + "%";
        Expression<Func<string, bool>> match = database.IsNpgsql()
            ? text => EF.Functions.ILike(text, pattern, Escape)
            : text => EF.Functions.Like(text, pattern, Escape);
        var body = new Substitution(match.Parameters[0], column.Body).Visit(match.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, column.Parameters));
    }

    private static string Escaped(string text) =>
        text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
