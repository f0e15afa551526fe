using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Domain.Access;
using Switchboard.Domain.ApiKeys;
using Switchboard.Domain.Audit;
using Switchboard.Domain.People;
using Switchboard.Domain.Text;
using Switchboard.Infrastructure.Access;
using Switchboard.Infrastructure.Jobs;
using Switchboard.Infrastructure.Notifications.DateWatches;
using Switchboard.Infrastructure.People;
using Switchboard.Infrastructure.Persistence;

namespace Switchboard.Infrastructure.People;

/// <summary>Reads the directory for the pages and the API, and changes it for Admins and machines with <c>people:write</c>.</summary>
public sealed class PeopleService(
    IDbContextFactory<SwitchboardDbContext> contextFactory,
    DirectoryWriter writer,
    AccessGuard guard,
    IAuditLog audit,
    JobRegistry jobs)
{
    public const string ObjectType = "person";
    private const int MaxChainLength = 30;

    public async Task<Paged<PersonRow>> SearchAsync(PeopleQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var people = Filter(db, query);
        var total = await people.CountAsync(cancellationToken);
        var rows = await people
            .OrderBy(p => p.UsernameKey)
            .Skip(page * pageSize)
            .Take(pageSize)
            .Select(p => new PersonRow(p.Username, p.FirstName, p.LastName, p.Email, p.State, p.FormProjection, p.Disabled,
                p.Manager == null ? null : p.Manager.Username, p.MattermostSyncEnabled, p.MattermostTokenProtected != null, p.Deleted))
            .ToListAsync(cancellationToken);
        return new Paged<PersonRow>(rows, total);
    }

    /// <summary>Every matching person as a draft, in username order, a page at a time (for CSV export).</summary>
    public async IAsyncEnumerable<PersonDraft> ExportAsync(PeopleQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int chunk = 1000;
        for (var page = 0; ; page++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var people = await Filter(db, query)
                .OrderBy(p => p.UsernameKey)
                .Skip(page * chunk)
                .Take(chunk)
                .WithDetails()
                .ToListAsync(cancellationToken);
            foreach (var person in people)
            {
                yield return PersonDraft.Of(person);
            }

            if (people.Count < chunk)
            {
                yield break;
            }
        }
    }

    /// <summary>Every extended attribute code in use, for the export's <c>eav:</c> columns.</summary>
    public async Task<IReadOnlyList<string>> AttributeCodesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ExtendedAttributeValue>().Select(a => a.Code).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
    }

    public async Task<PersonDetails?> GetAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.FindWithDetailsAsync(username, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var chain = new List<PersonLink>();
        for (var managerId = person.ManagerId; managerId is not null && chain.Count < MaxChainLength;)
        {
            var id = managerId;
            var manager = await db.People.AsNoTracking().Where(p => p.Id == id)
                .Select(p => new { p.Username, p.FirstName, p.LastName, p.ManagerId }).SingleAsync(cancellationToken);
            chain.Add(new PersonLink(manager.Username, Display(manager.Username, manager.FirstName, manager.LastName)));
            managerId = manager.ManagerId;
        }

        var reports = await db.People.AsNoTracking()
            .Where(p => p.ManagerId == person.Id && !p.Deleted)
            .OrderBy(p => p.UsernameKey)
            .Select(p => new { p.Username, p.FirstName, p.LastName })
            .ToListAsync(cancellationToken);
        var roleCodes = person.Roles.Select(r => r.Id).ToList();
        var roles = await db.Roles.AsNoTracking().Where(r => roleCodes.Contains(r.Id))
            .OrderBy(r => r.Code)
            .Select(r => new RoleSummary(r.Code, r.Name, r.Members.Count))
            .ToListAsync(cancellationToken);

        return new PersonDetails(
            PersonDraft.Of(person), person.Deleted, person.DeletedAt, person.UpdatedAt, chain,
            reports.Select(r => new PersonLink(r.Username, Display(r.Username, r.FirstName, r.LastName))).ToList(),
            roles, person.HasMattermostToken, person.MattermostTokenCreatedAt, person.MattermostUserId);
    }

    public async Task<IReadOnlyList<RoleSummary>> RolesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Roles.AsNoTracking()
            .OrderBy(r => r.Code)
            .Select(r => new RoleSummary(r.Code, r.Name, r.Members.Count(m => !m.Deleted)))
            .ToListAsync(cancellationToken);
    }

    public async Task<PeopleFilterOptions> FilterOptionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var states = await db.People.AsNoTracking().Where(p => p.State != null).Select(p => p.State!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
        var forms = await db.People.AsNoTracking().Where(p => p.FormProjection != null).Select(p => p.FormProjection!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
        return new PeopleFilterOptions(states, forms, await RolesAsync(cancellationToken));
    }

    /// <summary>Usernames that start with <paramref name="prefix"/>, for the manager picker.</summary>
    public async Task<IReadOnlyList<string>> UsernamesAsync(string? prefix, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = Person.KeyOf(prefix ?? "");
        return await db.People.AsNoTracking()
            .Where(p => !p.Deleted && p.UsernameKey.StartsWith(key))
            .OrderBy(p => p.UsernameKey)
            .Take(20)
            .Select(p => p.Username)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates or updates one person; the audit entry carries the before/after difference.</summary>
    public async Task<DirectoryWriteResult> SaveAsync(ClaimsPrincipal caller, PersonDraft draft, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.PeopleWrite, AuditActions.PersonSaved, ObjectType, draft.Username, cancellationToken);
        var before = (await GetAsync(draft.Username, cancellationToken))?.Draft;
        return Followed(await writer.UpsertAsync([draft], cancellationToken, _ => new AuditRecord(actor,
            before is null ? AuditActions.PersonCreated : AuditActions.PersonUpdated, ObjectType, draft.Username,
            Details: AuditDiff.Between(Audited(before), Audited(draft)))));
    }

    /// <summary>Upserts many people at once, all or nothing (API batch, CSV import).</summary>
    public async Task<DirectoryWriteResult> ImportAsync(ClaimsPrincipal caller, IReadOnlyList<PersonDraft> drafts, string source, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.PeopleWrite, AuditActions.PeopleImported, ObjectType, null, cancellationToken);
        var result = await writer.UpsertAsync(drafts, cancellationToken, stored => new AuditRecord(actor, AuditActions.PeopleImported, ObjectType, null,
            Details: $"{source}: {Plural.Of(drafts.Count, "person", "people")}, {stored.Created} new, {stored.Updated} updated"));
        if (!result.Succeeded)
        {
            // Nothing was stored: the refusal is audited on its own.
            await audit.WriteAsync(new AuditRecord(actor, AuditActions.PeopleImported, ObjectType, null, AuditResult.Failure,
                $"{source}: refused, {Plural.Of(result.Errors.Count, "problem")}, first: {result.Errors[0]}"), cancellationToken);
        }

        return Followed(result);
    }

    /// <summary>A stored change of the directory may move a watched date: the date job follows it now, not in up to 15 minutes.</summary>
    private DirectoryWriteResult Followed(DirectoryWriteResult result)
    {
        if (result.Succeeded)
        {
            jobs.Find(DateWatchJob.Name)?.RequestRun();
        }

        return result;
    }

    /// <summary>Gives a role a readable name (roles arrive named after their code).</summary>
    public async Task RenameRoleAsync(ClaimsPrincipal caller, string code, string name, CancellationToken cancellationToken)
    {
        var actor = await guard.DemandAsync(caller, PortalRole.Admin, ApiKeyScopes.PeopleWrite, AuditActions.RoleRenamed, "role", code, cancellationToken);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Role.NameMaxLength)
        {
            throw new ArgumentException($"A role name is 1 to {Role.NameMaxLength} characters.", nameof(name));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Code == code, cancellationToken)
            ?? throw new NotFoundException($"There is no role '{code}'.");
        var before = new { role.Name };
        role.Rename(name);
        db.Audit(new AuditRecord(actor, AuditActions.RoleRenamed, "role", code, Details: AuditDiff.Between(before, new { role.Name })));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Checks a batch without storing it (the CSV import preview).</summary>
    public Task<IReadOnlyList<DirectoryError>> CheckAsync(IReadOnlyList<PersonDraft> drafts, CancellationToken cancellationToken) =>
        writer.CheckAsync(drafts, cancellationToken);

    /// <summary>
    /// Every problem of a read CSV file at once (the import preview): the file's own problems (header, bad values) and
    /// the directory's (missing fields, duplicates, managers), merged in one numbering, in row order.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryError>> CheckImportAsync(CsvReadResult read, CancellationToken cancellationToken)
    {
        var checks = read.People.Count == 0 ? [] : await writer.CheckAsync(read.People, cancellationToken);
        return [.. read.Errors.Concat(checks).OrderBy(e => e.Index)];
    }

    private static IQueryable<Person> Filter(SwitchboardDbContext db, PeopleQuery query)
    {
        var people = db.People.AsNoTracking();
        if (!query.IncludeDeleted)
        {
            people = people.Where(p => !p.Deleted);
        }

        if (!string.IsNullOrWhiteSpace(query.Query))
        {
            var term = query.Query.Trim().ToLowerInvariant();
            people = people.Where(p => p.SearchText.Contains(term));
        }

        if (!string.IsNullOrWhiteSpace(query.State))
        {
            people = people.Where(p => p.State == query.State);
        }

        if (!string.IsNullOrWhiteSpace(query.FormProjection))
        {
            people = people.Where(p => p.FormProjection == query.FormProjection);
        }

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            // A join, not Roles.Any(): the database then starts from the role's members instead of testing everyone.
            var links = db.Set<Dictionary<string, object>>("PersonRoles");
            people =
                from person in people
                join link in links on person.Id equals EF.Property<int>(link, "PersonId")
                join role in db.Roles on EF.Property<int>(link, "RoleId") equals role.Id
                where role.Code == query.Role
                select person;
        }

        if (query.SyncEnabled is { } sync)
        {
            people = people.Where(p => p.MattermostSyncEnabled == sync);
        }

        if (query.HasToken is { } hasToken)
        {
            people = hasToken ? people.Where(p => p.MattermostTokenProtected != null) : people.Where(p => p.MattermostTokenProtected == null);
        }

        return people;
    }

    internal static string Display(string username, string? first, string? last) =>
        first is null && last is null ? username : $"{first} {last}".Trim();

    private static object? Audited(PersonDraft? draft) => draft is null ? null : draft with
    {
        Roles = draft.Roles.Order(StringComparer.Ordinal).ToList(),
        Attributes = new SortedDictionary<string, string>(draft.Attributes.ToDictionary(), StringComparer.Ordinal),
    };
}
