using Switchboard.Domain.People;

namespace Switchboard.Infrastructure.DemoData;

/// <summary>A small hospital for the embedded default: a director, two departments with heads, staff and an externist or two.</summary>
internal static class DemoPeople
{
    private static readonly string[] Surgery =
    [
        "Jan Novák", "Petra Svobodová", "Tomáš Dvořák", "Lucie Černá", "Martin Procházka", "Eva Kučerová", "Jakub Veselý",
        "Tereza Horáková", "Ondřej Němec", "Kateřina Marková", "Lukáš Pokorný", "Veronika Pospíšilová", "David Hájek",
        "Barbora Jelínková", "Michal Král", "Anna Růžičková",
    ];

    private static readonly string[] Finance =
    [
        "Pavel Beneš", "Markéta Fialová", "Jiří Sedláček", "Hana Doležalová", "Roman Zeman", "Lenka Kolářová", "Filip Navrátil",
        "Simona Čermáková", "Vojtěch Urban", "Alena Vaňková", "Karel Blažek", "Ivana Kříženecká",
    ];

    public static List<PersonDraft> All()
    {
        var people = new List<PersonDraft>
        {
            Person("Marie Šťastná", "director", null, ["heads"], "Board", 0),
            Person("Richard Malý", "head", "marie.stastna", ["heads", "doctors"], "Surgery", 1),
            Person("Zuzana Holubová", "head", "marie.stastna", ["heads", "accountants"], "Finance", 2),
        };
        people.AddRange(Surgery.Select((name, i) => Person(name, i % 3 == 0 ? "doctor" : "nurse", "richard.maly",
            [i % 3 == 0 ? "doctors" : "nurses"], "Surgery", i + 3)));
        people.AddRange(Finance.Select((name, i) => Person(name, "accountant", "zuzana.holubova",
            i == 0 ? ["accountants", "it-admins"] : ["accountants"], "Finance", i + 20)));
        return people;
    }

    private static PersonDraft Person(string name, string job, string? manager, string[] roles, string department, int n)
    {
        var (first, last) = (name.Split(' ')[0], name.Split(' ')[1]);
        var username = $"{Ascii(first)}.{Ascii(last)}".ToLowerInvariant();
        return new PersonDraft
        {
            Username = username,
            FirstName = first,
            LastName = last,
            Email = $"{username}@hospital.example",
            ExternalCode = $"P{1000 + n}",
            State = n % 11 == 7 ? "DISABLED" : n % 13 == 9 ? "LEFT" : "VALID",
            Disabled = n % 11 == 7,
            FormProjection = n % 7 == 5 ? "externist" : "employee",
            Manager = manager,
            Roles = roles,
            MattermostSyncEnabled = n % 3 != 2,
            Attributes = new Dictionary<string, string>
            {
                ["department"] = department,
                ["jobTitle"] = job,
                ["costCenter"] = department == "Finance" ? "CC-200" : department == "Surgery" ? "CC-100" : "CC-001",
            },
        };
    }

    private static string Ascii(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormD).Where(c => char.IsAsciiLetter(c)).ToArray());
}
