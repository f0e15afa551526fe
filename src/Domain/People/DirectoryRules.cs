using System.Text.RegularExpressions;

namespace Switchboard.Domain.People;

/// <summary>
/// The rules every change to the directory obeys, whichever way it comes in. A batch is checked as a whole: a
/// manager may be another item of the same batch, and the manager chains the batch creates must not loop.
/// </summary>
public static partial class DirectoryRules
{
    public const int MaxBatchSize = 5000;

    /// <summary>The most roles one person may hold (a directory person has tens; thousands make every role query slow).</summary>
    public const int MaxRolesPerPerson = 200;

    /// <summary>The most extended attributes one person may carry.</summary>
    public const int MaxAttributesPerPerson = 100;

    /// <summary>Checks each item on its own and against the other items of the batch.</summary>
    public static List<DirectoryError> CheckItems(IReadOnlyList<PersonDraft> drafts)
    {
        var errors = new List<DirectoryError>();
        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (draft is null)
            {
                errors.Add(new(i, "", "must be a person, not null"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(draft.Username))
            {
                errors.Add(new(i, "username", "is required"));
                continue;
            }

            if (draft.Username.Trim().Length > Person.UsernameMaxLength || !UsernamePattern().IsMatch(draft.Username.Trim()))
            {
                errors.Add(new(i, "username", $"must be 1 to {Person.UsernameMaxLength} letters, digits, '.', '_', '-' or '@'"));
            }

            var key = Person.KeyOf(draft.Username);
            if (!firstIndexOf.TryAdd(key, i))
            {
                errors.Add(new(i, "username", $"'{draft.Username}' appears more than once in this batch"));
            }

            if (!string.IsNullOrWhiteSpace(draft.Email) && (draft.Email.Trim().Length > Person.EmailMaxLength || !EmailPattern().IsMatch(draft.Email.Trim())))
            {
                errors.Add(new(i, "email", $"'{draft.Email}' is not an e-mail address"));
            }

            if (draft.Manager is { } manager && Person.KeyOf(manager) == key)
            {
                errors.Add(new(i, "manager", "a person cannot be their own manager"));
            }

            CheckLength(errors, i, "firstName", draft.FirstName, Person.NameMaxLength);
            CheckLength(errors, i, "lastName", draft.LastName, Person.NameMaxLength);
            CheckLength(errors, i, "externalCode", draft.ExternalCode, Person.CodeMaxLength);
            CheckLength(errors, i, "state", draft.State, Person.CodeMaxLength);
            CheckLength(errors, i, "formProjection", draft.FormProjection, Person.CodeMaxLength);
            CheckRoles(errors, i, draft.Roles);
            CheckAttributes(errors, i, draft.Attributes);
        }

        return errors;
    }

    // A JSON body can hold null where a list, a code or a value belongs, whatever the draft's types say.
    private static void CheckRoles(List<DirectoryError> errors, int index, IReadOnlyList<string>? roles)
    {
        if (roles is null)
        {
            errors.Add(new(index, "roles", "must be a list of role codes, not null"));
            return;
        }

        if (roles.Count > MaxRolesPerPerson)
        {
            errors.Add(new(index, "roles", $"holds {roles.Count} roles; a person holds at most {MaxRolesPerPerson}"));
            return;
        }

        foreach (var role in roles.Where(r => r is null || !CodePattern().IsMatch(r) || r.Length > Role.CodeMaxLength))
        {
            errors.Add(new(index, "roles", role is null ? "holds null instead of a role code" : $"'{role}' is not a role code (letters, digits, '_', '-', '.', ':')"));
        }
    }

    private static void CheckAttributes(List<DirectoryError> errors, int i, IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            errors.Add(new(i, "attributes", "must be an object of attribute codes and values, not null"));
            return;
        }

        if (attributes.Count > MaxAttributesPerPerson)
        {
            errors.Add(new(i, "attributes", $"holds {attributes.Count} attributes; a person carries at most {MaxAttributesPerPerson}"));
            return;
        }

        foreach (var (code, value) in attributes)
        {
            if (!CodePattern().IsMatch(code) || code.Length > ExtendedAttributeValue.CodeMaxLength)
            {
                errors.Add(new(i, $"attributes.{code}", "is not an attribute code (letters, digits, '_', '-', '.', ':')"));
            }
            else if (value is null)
            {
                errors.Add(new(i, $"attributes.{code}", "must be a text value, not null (leave the attribute out to clear it)"));
            }
            else if (value.Length > ExtendedAttributeValue.ValueMaxLength)
            {
                errors.Add(new(i, $"attributes.{code}", $"is longer than {ExtendedAttributeValue.ValueMaxLength} characters"));
            }
        }
    }

    /// <summary>
    /// Checks that every manager exists and that no manager chain loops once the batch is applied.
    /// <paramref name="storedManagerOf"/> answers, for a username key outside the batch, whether the person exists and
    /// who their manager is now (null when they have none); it must know every person the batch's chains reach.
    /// </summary>
    public static List<DirectoryError> CheckManagers(IReadOnlyList<PersonDraft> drafts, IReadOnlyDictionary<string, string?> storedManagerOf)
    {
        var errors = new List<DirectoryError>();
        var batch = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            // An item without a username (or a null item) is reported by CheckItems; its manager cannot be placed.
            if (!string.IsNullOrWhiteSpace(drafts[i]?.Username))
            {
                batch.TryAdd(Person.KeyOf(drafts[i].Username), i);
            }
        }

        string? ManagerOf(string key) =>
            batch.TryGetValue(key, out var index)
                ? (string.IsNullOrWhiteSpace(drafts[index].Manager) ? null : Person.KeyOf(drafts[index].Manager!))
                : storedManagerOf.GetValueOrDefault(key);

        var acyclic = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            var manager = drafts[i]?.Manager;
            if (string.IsNullOrWhiteSpace(manager) || string.IsNullOrWhiteSpace(drafts[i].Username))
            {
                continue;
            }

            var managerKey = Person.KeyOf(manager);
            if (!batch.ContainsKey(managerKey) && !storedManagerOf.ContainsKey(managerKey))
            {
                errors.Add(new(i, "manager", $"'{manager}' is neither in the directory nor in this batch"));
                continue;
            }

            var chain = new List<string> { Person.KeyOf(drafts[i].Username) };
            for (var current = managerKey; current is not null && !acyclic.Contains(current); current = ManagerOf(current))
            {
                if (chain.Contains(current))
                {
                    errors.Add(new(i, "manager", $"makes a loop of managers: {string.Join(" → ", chain)} → {current}"));
                    break;
                }

                chain.Add(current);
            }

            if (errors.Count == 0 || errors[^1].Index != i)
            {
                acyclic.UnionWith(chain);
            }
        }

        return errors;
    }

    private static void CheckLength(List<DirectoryError> errors, int index, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors.Add(new(index, field, $"is longer than {max} characters"));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@-]+$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.:-]+$")]
    private static partial Regex CodePattern();
}
