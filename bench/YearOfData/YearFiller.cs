using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Switchboard.Bench.YearOfData;

/// <summary>
/// Writes a year of data into a migrated, empty SQLite database with raw prepared inserts: each table's indexes are dropped,
/// its rows inserted in one transaction in id order (as the portal writes them), then its indexes created again (a sort,
/// much faster than keeping them up to date row by row). The data are made from the row number, so runs are repeatable.
/// </summary>
internal sealed class YearFiller(SqliteConnection connection, double scale, DateTime now)
{
    public const int Topics = 8;
    public const int Configurations = 12;
    public const int FailureGroups = 50;
    public const int Bridges = 3;

    /// <summary>The person every 500th event, message, envelope and call is about: the one with the longest timeline.</summary>
    public const int BusiestPerson = 1;

    public static readonly string[] Admins = [.. Enumerable.Range(1, 40).Select(i => $"admin{i:D2}")];
    public static readonly string[] RoutingKeys = ["request.googleapps.user.create", "request.googleapps.user.update", "request.googleapps.user.delete", "request.ldap.account.update"];

    private readonly DateTime _start = now.AddDays(-365);

    public int People { get; } = Scaled(100_000, scale);
    public long Events { get; } = Scaled(10_000_000, scale);
    public int Messages { get; } = Scaled(1_000_000, scale);
    public int AuditEntries { get; } = Scaled(1_000_000, scale);
    public int Envelopes { get; } = Scaled(1_000_000, scale);
    public int Calls { get; } = Scaled(100_000, scale);
    public int Deployments { get; } = YearOfDataFolder.DeploymentsAt(scale);
    public long Checks => Deployments * 7L * 8640;
    public const int TokenRuns = 365;
    public int JobRuns { get; private set; }

    private static int Scaled(int full, double scale) => (int)Math.Max(1, Math.Round(full * scale));

    public static string Username(int person) => $"user{person:D6}";

    public static string Email(int person) => $"{Username(person)}@example.test";

    public static string GoogleId(int person) => $"{100_000_000_000_000L + person}";

    public static string GramUuid(int person) => $"00000000-0000-4000-8000-{person:D12}";

    /// <summary>Who the i-th row of a table is about: the busiest person every 500th row, else four in five rows among the first fifth of the people.</summary>
    public int PersonOf(long i, int salt)
    {
        if (i % 500 == 0)
        {
            return BusiestPerson;
        }

        var r = Mix((ulong)i * 31 + (ulong)salt);
        return 1 + (int)(r % 5 != 0 ? (r >> 8) % (ulong)Math.Max(1, People / 5) : (r >> 8) % (ulong)People);
    }

    private static int ManagerOf(int person) => person - ((person - 1) % 50);

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    private DateTime YearAt(long i, long count) => _start.AddTicks((long)((double)i / count * TimeSpan.FromDays(365).Ticks));

    public void FillAll(Action<string, long, TimeSpan> report)
    {
        Run("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");
        Table("code lists, bridges, failure groups, paused jobs", () => { CodeLists(); return Topics + Configurations + Bridges + FailureGroups; }, report);
        Table("People", FillPeople, report);
        Table("EntityEvents", FillEvents, report);
        Table("OutboxMessages", FillMessages, report);
        Table("AuditEntries", FillAudit, report);
        Table("ProvisioningEnvelopes", FillEnvelopes, report);
        Table("BridgeCalls", FillCalls, report);
        Table("ListenerChecks", FillChecks, report);
        Table("TokenOutcomes", FillTokens, report);
        Table("JobRuns", FillJobRuns, report);
        var analyze = Stopwatch.StartNew();

        // What the maintenance job's PRAGMA optimize leaves after its first runs: statistics for every table.
        Run("PRAGMA analysis_limit=1000; ANALYZE; PRAGMA journal_mode=WAL;");
        report("ANALYZE", 0, analyze.Elapsed);
    }

    private static void Table(string name, Func<long> fill, Action<string, long, TimeSpan> report)
    {
        var timer = Stopwatch.StartNew();
        var rows = fill();
        report(name, rows, timer.Elapsed);
    }

    private void Run(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Fills <paramref name="tables"/> without their indexes, then builds the indexes again.</summary>
    private long WithoutIndexes(string[] tables, Func<SqliteTransaction, long> fill)
    {
        var indexes = new List<(string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            Run($"DROP INDEX \"{name}\"");
        }

        long rows;
        using (var transaction = connection.BeginTransaction())
        {
            rows = fill(transaction);
            transaction.Commit();
        }

        foreach (var (_, sql) in indexes)
        {
            Run(sql);
        }

        return rows;
    }

    private void CodeLists()
    {
        using var transaction = connection.BeginTransaction();
        using (var topics = new TableWriter(connection, transaction, "Topics", "Id", "Code", "Description", "Subject", "TextBody", "HtmlBody"))
        {
            for (var t = 1; t <= Topics; t++)
            {
                topics.Row(t, $"topic-{t}", $"Topic {t} for the bench", $"Account change {{{{ event.type }}}} ({t})", "Hello {{ person.firstName }}, your account changed.",
                    "<p>Hello {{ person.firstName }},</p><p>your account changed.</p>");
            }
        }

        using (var configurations = new TableWriter(connection, transaction, "NotificationConfigurations",
                   "Id", "TopicId", "EntityType", "EventType", "Level", "Rule", "RecipientRoles", "RecipientUsernames", "Disabled", "FailureCount", "SendEmail",
                   "SendMattermostDirect", "SendToIdentity", "SendToManager", "PostToMattermostChannel", "Description"))
        {
            for (var c = 1; c <= Configurations; c++)
            {
                configurations.Row(c, 1 + ((c - 1) % Topics), c % 2 == 0 ? "User" : "Account", c % 3 == 0 ? "DEL" : "MOD", c % 4 == 0 ? "Warning" : "Info", "true", "", "",
                    false, 0, true, c % 3 == 0, true, c % 2 == 0, false, $"Bench configuration {c}");
            }
        }

        using (var bridges = new TableWriter(connection, transaction, "Bridges", "Id", "Name", "TriggerWords", "GlpiUrl", "Enabled", "TicketType", "RequestSourceId",
                   "SuccessReply", "FailureReply", "ProtectedAppToken", "ProtectedUserToken", "ProtectedWebhookTokens", "WebhookTokenCount", "CreatedAt", "UpdatedAt"))
        {
            for (var b = 1; b <= Bridges; b++)
            {
                bridges.Row(b, $"helpdesk-{b}", "ticket", $"https://glpi{b}.example.test", true, 1, 1, "Ticket {{ ticket }} created.", "Could not create a ticket.", "", "", "", 0, _start, _start);
            }
        }

        using (var groups = new TableWriter(connection, transaction, "FailureGroups", "Id", "Key", "Title", "RoutingKey", "Failures", "FirstSeenAt", "LastSeenAt"))
        {
            for (var g = 1; g <= FailureGroups; g++)
            {
                var key = RoutingKeys[g % RoutingKeys.Length];
                groups.Row(g, $"{key}\nError{g}", $"Error{g}", key, Envelopes / FailureGroups, _start, now);
            }
        }

        // The jobs that would act on the filled rows (send, evaluate, sync, retry, delete) are paused: the bench times reads.
        // (The listener monitor is a continuous job and runs anyway.)
        // (The portal that ran the migrations stored its own settings and runs: replaced.)
        Run("DELETE FROM \"JobSettings\"; DELETE FROM \"JobRuns\";");
        using (var jobs = new TableWriter(connection, transaction, "JobSettings", "JobName", "Paused", "ChangedAt", "ChangedBy"))
        {
            foreach (var job in new[] { "outbox-sender", "mattermost-sender", "notification-evaluation", "identity-event-sync", "chatops-retry", "database-maintenance",
                         "provisioning-retention", "token-regeneration", "listener-monitor" })
            {
                jobs.Row(job, true, now, "bench");
            }
        }

        transaction.Commit();
    }

    private long FillPeople() => WithoutIndexes(["People", "PersonAttributes"], transaction =>
    {
        using var people = new TableWriter(connection, transaction, "People", "Id", "Username", "UsernameKey", "Email", "FirstName", "LastName", "ExternalCode", "State",
            "FormProjection", "ManagerId", "SearchText", "Deleted", "Disabled", "MattermostSyncEnabled", "MattermostUserId", "MattermostTokenProtected",
            "MattermostTokenId", "MattermostTokenCreatedAt", "MattermostTokenExpiresAt", "UpdatedAt");
        using var attributes = new TableWriter(connection, transaction, "PersonAttributes", "PersonId", "Code", "Value");
        string[] states = ["VALID", "VALID", "VALID", "VALID", "VALID", "VALID", "VALID", "LEFT", "SUSPENDED", "VALID"];
        string[] forms = ["STUDENT", "STAFF", "ALUMNI"];
        for (var p = 1; p <= People; p++)
        {
            var (username, email) = (Username(p), Email(p));
            var (first, last) = ($"First{p % 5000}", $"Last{p}");
            var sync = p % 5 != 0;
            var token = sync && p % 2 == 0;
            var created = YearAt(p % 1000, 1000);
            people.Row(p, username, username, email, first, last, $"EXT{p}", states[p % states.Length], forms[p % forms.Length], p == ManagerOf(p) ? null : ManagerOf(p),
                $"{username} {first} {last} {email}".ToLowerInvariant(), p % 997 == 0, p % 113 == 0, sync, p % 3 == 0 ? null : $"mm{p:D10}",
                token ? new string('x', 180) : null, token ? $"tok{p}" : null, token ? created : null, token ? created.AddDays(365) : null, created);
            attributes.Row(p, "googleId", GoogleId(p));
            attributes.Row(p, "gramAccountUuid", GramUuid(p));
        }

        return People;
    });

    private long FillEvents() => WithoutIndexes(["EntityEvents"], transaction =>
    {
        using var events = new TableWriter(connection, transaction, "EntityEvents", "Id", "EventId", "EntityType", "EventType", "EntityId", "Identity", "System",
            "ReceivedFrom", "ReceivedAt", "OccurredAt", "Before", "After", "DirectorySync", "DirectorySyncError", "DirectorySyncedAt", "Evaluated", "EvaluatedAt", "EvaluationNote");
        string[] types = ["MOD", "MOD", "MOD", "ADD", "DEL"];
        string[] entities = ["User", "Account", "Account", "Group"];
        string[] systems = ["gram", "google", "ldap", "moodle"];
        for (long i = 1; i <= Events; i++)
        {
            var username = Username(PersonOf(i, 1));
            var at = YearAt(i, Events);
            var failed = i % 97 == 0;
            var entity = entities[i % entities.Length];
            events.Row(i, $"evt-{i:D10}", entity, types[i % types.Length], entity == "Group" ? $"group-{i % 300}" : username, username,
                entity == "User" ? null : systems[i % systems.Length], "rabbitmq:identity-events", at, at.AddSeconds(-2),
                """{"State":"VALID","Email":"old@example.test"}""", $$"""{"State":"{{(i % 11 == 0 ? "LEFT" : "VALID")}}","Email":"{{username}}@example.test"}""",
                failed ? "Failed" : "Done", failed ? "The directory refused the change: manager not found" : null, at.AddMilliseconds(40),
                true, at.AddMilliseconds(80), i % 10 == 0 ? "1 configuration fired" : null);
        }

        return Events;
    });

    private long FillMessages() => WithoutIndexes(["OutboxMessages"], transaction =>
    {
        using var messages = new TableWriter(connection, transaction, "OutboxMessages", "Id", "MessageId", "EventId", "ConfigurationId", "Topic", "Level", "Channel",
            "RecipientEmail", "RecipientUsername", "Subject", "TextBody", "HtmlBody", "Status", "Attempts", "NextAttemptAt", "LastError", "SentAt", "SmtpReply", "CreatedAt");
        var stride = Math.Max(1, Events / Messages);
        var html = "<html><body><p>Hello,</p><p>" + new string('x', 500) + "</p><p>Regards, Switchboard</p></body></html>";
        var text = "Hello,\n" + new string('x', 300) + "\nRegards, Switchboard";
        for (long m = 1; m <= Messages; m++)
        {
            var eventId = Math.Min(Events, ((m - 1) * stride) + 1);
            var about = PersonOf(eventId, 1);
            var recipient = m % 10 < 7 ? about : ManagerOf(about);
            var configuration = 1 + (int)(m % Configurations);
            var topic = 1 + ((configuration - 1) % Topics);
            var channel = (m % 20) switch { 0 => "MattermostChannel", 1 or 2 => "MattermostDirect", _ => "Email" };
            var dead = m % 67 == 0;
            var created = YearAt(eventId, Events).AddSeconds(1);
            messages.Row(m, $"<m{m}@switchboard.example.test>", eventId, configuration, $"topic-{topic}", configuration % 4 == 0 ? "Warning" : "Info", channel,
                channel == "MattermostChannel" ? "~identity-alerts" : Email(recipient), channel == "MattermostChannel" ? null : Username(recipient),
                $"Account change MOD ({topic})", text, html, dead ? "Dead" : "Sent", dead ? 5 : 1, created,
                dead ? "550 5.1.1 Recipient address rejected: user unknown" : null, dead ? null : created.AddSeconds(1),
                dead ? null : $"250 2.0.0 Ok: queued as {m:X8}", created);
        }

        return Messages;
    });

    private long FillAudit() => WithoutIndexes(["AuditEntries"], transaction =>
    {
        using var audit = new TableWriter(connection, transaction, "AuditEntries", "Id", "At", "Actor", "ActorKind", "Action", "ObjectType", "ObjectId", "Result", "Details");
        for (long a = 1; a <= AuditEntries; a++)
        {
            var admin = Admins[Mix((ulong)a) % (ulong)Admins.Length];
            var slice = (int)(a % 100);
            var (actor, kind, action, type, id, details) = slice switch
            {
                < 45 => (admin, "User", "auth.sign-in", "session", (string?)$"s{a}", (string?)"""{"role":"Operator"}"""),
                < 50 => (admin, "User", "auth.sign-out", "session", $"s{a}", null),
                < 70 => ("api-key:gram-sync", "ApiKey", "api.call", "api", "POST /api/events", null),
                < 82 => (admin, "User", "person.updated", "person", Username(PersonOf(a, 3)), """{"changes":[{"field":"State","from":"VALID","to":"LEFT"}]}"""),
                < 87 => ("api-key:gram-sync", "ApiKey", "events.received", "events", $"{a % 500} events", null),
                < 91 => (admin, "User", "envelope.resolved", "envelope", $"{1 + (a % Envelopes)}", """{"note":"fixed in the directory"}"""),
                < 94 => (admin, "User", "message.resent", "message", $"{1 + (a % Messages)}", null),
                < 96 => (admin, "User", "listener.checked", "listener", YearOfDataFolder.Deployment((int)(a % Deployments)), null),
                < 98 => ("system", "System", "job.run-requested", "job", "chatops-retry", null),
                _ => (admin, "User", "notification-configuration.updated", "notification-configuration", $"{1 + (a % Configurations)}", """{"changes":[{"field":"Rule"}]}"""),
            };
            var result = a % 61 == 0 ? "Failure" : a % 89 == 0 ? "Denied" : "Success";
            audit.Row(a, YearAt(a, AuditEntries), actor, kind, action, type, id, result, details);
        }

        return AuditEntries;
    });

    private long FillEnvelopes() => WithoutIndexes(["ProvisioningEnvelopes"], transaction =>
    {
        using var envelopes = new TableWriter(connection, transaction, "ProvisioningEnvelopes", "Id", "Kind", "State", "Archived", "GroupId", "CorrelationId", "RoutingKey",
            "StatusCode", "ErrorType", "ErrorName", "ErrorMessage", "RawBody", "Scrubbed", "SoftfailCount", "FirstSeenAt", "LastSeenAt", "GramAccountUuid", "Email", "GoogleId", "Tags", "Reruns",
            "ResolvedAt", "ResolvedBy");
        string[] states = ["Failed", "Resolved", "Resolved", "SucceededLater", "SucceededLater", "Resolved", "Retrying", "Failed", "Resolved", "SucceededLater"];
        for (long e = 1; e <= Envelopes; e++)
        {
            var group = 1 + (int)(e % FailureGroups);
            var state = states[e % states.Length];
            var person = PersonOf(e, 5);
            var at = YearAt(e, Envelopes);
            envelopes.Row(e, "Failure", state, e % 97 == 0, group, $"bench-{e}", RoutingKeys[group % RoutingKeys.Length], group % 5 == 0 ? 422 : group % 5 == 1 ? 500 : 409,
                state == "Retrying" ? "softfail" : "hardfail", $"Error{group}", $"simulated failure {e}", $$"""{"gram_account_uuid":"{{GramUuid(person)}}","email":"{{Email(person)}}"}""",
                false, state == "Retrying" ? 2 : 0, at, at.AddMinutes(e % 30), GramUuid(person), Email(person), GoogleId(person), "", 0,
                state == "Resolved" ? at.AddHours(3) : null, state == "Resolved" ? Admins[e % Admins.Length] : null);
        }

        return Envelopes;
    });

    private long FillCalls() => WithoutIndexes(["BridgeCalls"], transaction =>
    {
        using var calls = new TableWriter(connection, transaction, "BridgeCalls", "Id", "BridgeId", "PostId", "UserName", "UserId", "ChannelName", "TeamDomain", "TriggerWord",
            "Text", "ReceivedAt", "Status", "TicketId", "ErrorCode", "ErrorMessage", "Attempts", "NextAttemptAt", "CompletedAt", "GlpiMilliseconds", "ReplyMilliseconds");
        for (long c = 1; c <= Calls; c++)
        {
            var person = PersonOf(c, 7);
            var at = YearAt(c, Calls);
            var status = c % 20 == 0 ? "Failed" : c % 20 == 1 ? "Empty" : "Created";
            calls.Row(c, 1 + (int)(c % Bridges), $"post{c:D12}", Username(person), person % 3 == 0 ? null : $"mm{person:D10}", "helpdesk", "example", "ticket",
                $"ticket my mailbox does not sync since this morning, call {c}", at, status, status == "Created" ? 100_000 + c : null,
                status == "Failed" ? "glpi-unavailable" : null, status == "Failed" ? "GLPI answered 503 Service Unavailable" : null, status == "Failed" ? 5 : 1, null,
                at.AddMilliseconds(900), status == "Empty" ? null : 400 + (int)(c % 600), 50 + (int)(c % 100));
        }

        return Calls;
    });

    /// <summary>Every deployment checked every 10 s for the week up to now, and the hourly counts the monitor keeps beside them.</summary>
    private long FillChecks() => WithoutIndexes(["ListenerChecks", "ListenerCheckHours"], transaction =>
    {
        using var checks = new TableWriter(connection, transaction, "ListenerChecks", "Id", "Deployment", "At", "State", "ListenerUp", "HttpStatus", "LatencyMilliseconds",
            "ListenerError", "RedisUp", "RedisKeys", "RedisError", "CreatioUp", "CreatioError", "Body");
        const int Ticks = 7 * 8640;
        var first = now.AddDays(-7);
        var hours = new Dictionary<(int Deployment, DateTime Hour), (int Checks, int Up, DateTime FirstAt)>();
        var last = new (string State, DateTime At, int? Latency, DateTime Since)[Deployments];
        long id = 0;
        for (var t = 0; t < Ticks; t++)
        {
            for (var d = 0; d < Deployments; d++)
            {
                var at = first.AddSeconds((t * 10.0) + (d * 10.0 / Deployments));

                // One deployment down half an hour a day, another slow (degraded) one check in 50, the others up.
                var down = d == 5 && (t % 8640) < 180;
                var slow = d == 7 && t % 50 == 0;
                var state = down ? "Down" : slow ? "Degraded" : "Up";
                var latency = down ? (int?)null : slow ? 2500 : 20 + (int)(Mix((ulong)id) % 60) + (id % 1000 == 0 ? 1200 : 0);
                id++;
                checks.Row(id, YearOfDataFolder.Deployment(d), at, state, !down, down ? null : 200, latency, down ? "Connection refused (listener:8080)" : null, !down, down ? null : 1200 + (d * 7),
                    null, null, null, down ? null : """{"status":"Healthy","mailboxes":12,"subscriptions":12,"queue":0}""");
                var hour = new DateTime(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);
                hours[(d, hour)] = hours.TryGetValue((d, hour), out var h) ? (h.Checks + 1, h.Up + (down ? 0 : 1), h.FirstAt) : (1, down ? 0 : 1, at);
                last[d] = (state, at, latency, last[d].State == state ? last[d].Since : at);
            }
        }

        using var hourly = new TableWriter(connection, transaction, "ListenerCheckHours", "Deployment", "Hour", "Checks", "Up", "FirstAt");
        foreach (var ((d, hour), h) in hours)
        {
            hourly.Row(YearOfDataFolder.Deployment(d), hour, h.Checks, h.Up, h.FirstAt);
        }

        using var statuses = new TableWriter(connection, transaction, "ListenerDeploymentStatuses", "Deployment", "State", "Since", "ConsecutiveFailures", "LastCheckAt", "LastLatencyMilliseconds");
        for (var d = 0; d < Deployments; d++)
        {
            statuses.Row(YearOfDataFolder.Deployment(d), last[d].State, last[d].Since, 0, last[d].At, last[d].Latency);
        }

        return id;
    });

    /// <summary>A token run a day for the year, each with a few hundred outcomes (tokens created, rotated, people without a Mattermost user).</summary>
    private long FillTokens() => WithoutIndexes(["TokenRuns", "TokenOutcomes"], transaction =>
    {
        using var runs = new TableWriter(connection, transaction, "TokenRuns", "Id", "TriggeredBy", "StartedAt", "FinishedAt", "Status", "Reason", "Processed", "Generated", "Rotated",
            "AlreadyValid", "NotFound", "Failed");
        using var outcomes = new TableWriter(connection, transaction, "TokenOutcomes", "Id", "RunId", "PersonId", "Username", "Kind", "Detail", "At");
        var perRun = Math.Max(1, Scaled(300, scale));
        long id = 0;
        for (var r = 1; r <= TokenRuns; r++)
        {
            var at = _start.AddDays(r);
            var failedRun = r % 40 == 0;
            runs.Row(r, "schedule", at, at.AddMinutes(4), failedRun ? "Failed" : "Succeeded", failedRun ? "Mattermost answered 503" : null, perRun * 10, perRun / 2, perRun / 3,
                perRun * 9, perRun / 10, perRun / 20);
            for (var o = 0; o < perRun; o++)
            {
                id++;
                var person = PersonOf(id, 11);
                var kind = (o % 20) switch { 0 => "Failed", 1 or 2 => "NotFound", < 12 => "Rotated", _ => "Generated" };
                outcomes.Row(id, r, person, Username(person), kind, kind == "Failed" ? "Mattermost answered 500" : null, at.AddSeconds(o));
            }
        }

        return id;
    });

    /// <summary>The last 30 days of job runs (what the maintenance job keeps): the ChatOps retry every 15 s, the others hourly to daily.</summary>
    private long FillJobRuns() => WithoutIndexes(["JobRuns"], transaction =>
    {
        using var runs = new TableWriter(connection, transaction, "JobRuns", "Id", "JobName", "StartedAt", "FinishedAt", "Outcome", "Message", "Error", "TriggeredBy", "Instance", "DueAt");
        var first = now.AddDays(-30);
        var schedule = new (string Job, TimeSpan Every)[]
        {
            ("chatops-retry", TimeSpan.FromSeconds(15)), ("provisioning-retention", TimeSpan.FromHours(1)), ("database-maintenance", TimeSpan.FromHours(6)),
            ("token-regeneration", TimeSpan.FromDays(1)),
        };
        var due = schedule.Select(s => (s.Job, s.Every, Next: first)).ToArray();
        long id = 0;
        while (true)
        {
            var next = due.Select((d, i) => (d.Next, i)).Min();
            if (next.Next > now)
            {
                break;
            }

            var (job, every, at) = due[next.i];
            due[next.i] = (job, every, at + every);
            id++;
            var failed = id % 150 == 0;
            runs.Row(id, job, at, at.AddMilliseconds(30 + (id % 200)), failed ? "Failed" : "Succeeded", failed ? null : "0 calls to retry", failed ? "database is locked" : null,
                "schedule", "bench-host", at);
        }

        JobRuns = (int)id;
        return id;
    });
}
