using Microsoft.EntityFrameworkCore;
using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.People;

public static class PersonQueries
{
    /// <summary>A person with what <see cref="PersonDraft.Of"/> needs: manager, roles and extended attributes.</summary>
    public static IQueryable<Person> WithDetails(this IQueryable<Person> people) =>
        people.Include(p => p.Manager).Include(p => p.Roles).Include(p => p.Attributes).AsSplitQuery();

    public static Task<Person?> FindWithDetailsAsync(this IQueryable<Person> people, string username, CancellationToken cancellationToken)
    {
        var key = Person.KeyOf(username);
        return people.AsNoTracking().WithDetails().SingleOrDefaultAsync(p => p.UsernameKey == key, cancellationToken);
    }
}
