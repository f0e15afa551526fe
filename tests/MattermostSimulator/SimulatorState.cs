using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Switchboard.MattermostSimulator;

/// <summary>What the simulated Mattermost server knows and how it behaves; tests change it through <c>/simulator/*</c>.</summary>
public sealed class SimulatorState
{
    private readonly ConcurrentDictionary<string, SimUser> _users = new();
    private readonly ConcurrentDictionary<string, SimUser> _byUsername = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimUser> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private long _lastExpiryCheck;
    private readonly ConcurrentDictionary<string, SimToken> _tokens = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentDictionary<string, int> _created = new();
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimChannel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimHook> _hooks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimPost> _posts = new();
    private readonly Lock _channelGate = new();
    private int _failNext;
    private int _inFlight;
    private int _maxInFlight;
    private volatile TaskCompletionSource _open = Opened();

    /// <summary>The system admin's user id; <c>/users/me</c> with the admin token answers this user.</summary>
    public const string AdminUserId = "adminuserid0000000000000000";

    public string AdminToken { get; set; } = "sim-admin-token";

    /// <summary>Off: incoming webhooks answer 501 <c>web.incoming_webhook.disabled.app_error</c> (ServiceSettings.EnableIncomingWebhooks=false).</summary>
    public bool IncomingWebhooksEnabled { get; set; } = true;

    /// <summary>Off (PrivacySettings.ShowEmailAddress=false): a look-up by e-mail from anyone but the admin answers 403 before looking.</summary>
    public bool ShowEmailAddress { get; set; } = true;
    public string Version { get; set; } = "9.11.0";

    /// <summary>Off: creating a token answers 501 <c>app.user_access_token.disabled</c>, as with EnableUserAccessTokens=false.</summary>
    public bool UserAccessTokensEnabled { get; set; } = true;

    /// <summary>Off: the server ignores <c>expires_at</c> (servers before token expiry existed).</summary>
    public bool SupportsExpiry { get; set; } = true;
    public TimeSpan Latency { get; set; }

    /// <summary>Completes when API calls may be answered; see <see cref="HoldCalls"/>.</summary>
    public Task Open => _open.Task;
    public RateLimit? RateLimit { get; set; }

    public IEnumerable<SimUser> Users => _users.Values;
    public IEnumerable<SimToken> Tokens => _tokens.Values;
    public IEnumerable<SimPost> Posts => _posts;
    public IEnumerable<SimChannel> Channels => _channels.Values;
    public IReadOnlyDictionary<string, int> Calls => _calls;

    /// <summary>How many tokens were created for each user id, revoked ones included.</summary>
    public IReadOnlyDictionary<string, int> TokensCreated => _created;
    public int MaxInFlight => _maxInFlight;

    public SimUser AddUser(string username, string email, string? id = null)
    {
        var user = new SimUser(id ?? NewId(), username.ToLowerInvariant(), email.ToLowerInvariant());
        _users[user.Id] = user;
        _byUsername[user.Username] = user;
        _byEmail[user.Email] = user;
        return user;
    }

    /// <summary>A bot account (a user with <c>is_bot</c>) and its access token.</summary>
    public SimUser AddBot(string username, string token)
    {
        var bot = new SimUser(NewId(), username.ToLowerInvariant(), $"{username.ToLowerInvariant()}@localhost", IsBot: true);
        _users[bot.Id] = bot;
        _byUsername[bot.Username] = bot;
        _sessions[token] = bot.Id;
        return bot;
    }

    /// <summary>Whose token it is: the admin's, a bot's, or nobody's (null).</summary>
    public string? SessionUser(string token) =>
        token == AdminToken ? AdminUserId : _sessions.GetValueOrDefault(token);

    public SimUser? User(string id) => _users.GetValueOrDefault(id);

    /// <summary>The direct channel of two users, created the first time (its name is the two ids, sorted, joined by <c>__</c>).</summary>
    public SimChannel DirectChannel(string userId, string otherUserId)
    {
        var ids = new[] { userId, otherUserId }.Order(StringComparer.Ordinal).ToArray();
        var name = $"{ids[0]}__{ids[1]}";
        lock (_channelGate)
        {
            return _channels.Values.FirstOrDefault(c => c.Name == name)
                ?? _channels.GetOrAdd(NewId(), id => new SimChannel(id, "D", name, ids, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        }
    }

    public SimChannel? Channel(string id) => _channels.GetValueOrDefault(id);

    /// <summary>An incoming webhook posting to a (public) channel of that name, created with it.</summary>
    public SimHook AddHook(string channelName, string? id = null)
    {
        SimChannel channel;
        lock (_channelGate)
        {
            channel = _channels.Values.FirstOrDefault(c => c.Name == channelName)
                ?? _channels.GetOrAdd(NewId(), id => new SimChannel(id, "O", channelName, [], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        }

        var hook = new SimHook(id ?? NewId(), channel.Id);
        _hooks[hook.Id] = hook;
        return hook;
    }

    public SimHook? Hook(string id) => _hooks.GetValueOrDefault(id);

    public bool RemoveHook(string id) => _hooks.TryRemove(id, out _);

    public SimPost AddPost(string channelId, string userId, string message, string? hookId = null)
    {
        var post = new SimPost(NewId(), channelId, userId, message, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), hookId);
        _posts.Enqueue(post);
        return post;
    }

    /// <summary>Exact match: Mattermost stores usernames in lower case and the API refuses any other (see <see cref="IsValidUsername"/>).</summary>
    public SimUser? UserByUsername(string username) => _byUsername.GetValueOrDefault(username);

    /// <summary>Mattermost's username rule: lower-case letters, digits, '.', '-' and '_' only (../shared/contracts/NOTES.md).</summary>
    public static bool IsValidUsername(string username) =>
        username.Length > 0 && username.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_');

    public SimUser? UserByEmail(string email) => _byEmail.GetValueOrDefault(email);

    public SimToken CreateToken(string userId, string description, long expiresAt)
    {
        var token = new SimToken(NewId(), NewId(), userId, description, SupportsExpiry ? expiresAt : 0) { IsActive = true };
        _tokens[token.Id] = token;
        _created.AddOrUpdate(userId, 1, (_, n) => n + 1);
        return token;
    }

    public bool RevokeToken(string tokenId) => _tokens.TryRemove(tokenId, out _);

    /// <summary>Expired tokens are deleted, as the real server's clean-up job does (here at most once a second).</summary>
    public void RemoveExpired(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        if (Interlocked.Exchange(ref _lastExpiryCheck, second) == second)
        {
            return;
        }

        foreach (var token in _tokens.Values.Where(t => t.ExpiresAt > 0 && t.ExpiresAt <= now.ToUnixTimeMilliseconds()))
        {
            _tokens.TryRemove(token.Id, out _);
        }
    }

    /// <summary>The next <paramref name="count"/> Mattermost API calls answer 500.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    public bool TakeFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failNext);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failNext, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    public void CountCall(string route) => _calls.AddOrUpdate(route, 1, (_, n) => n + 1);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    public void Reset()
    {
        _users.Clear();
        _byUsername.Clear();
        _byEmail.Clear();
        _tokens.Clear();
        _calls.Clear();
        _created.Clear();
        _sessions.Clear();
        _channels.Clear();
        _hooks.Clear();
        _posts.Clear();
        IncomingWebhooksEnabled = true;
        ShowEmailAddress = true;
        _failNext = 0;
        _maxInFlight = 0;
        UserAccessTokensEnabled = true;
        SupportsExpiry = true;
        Latency = TimeSpan.Zero;
        _open.TrySetResult();
        RateLimit = null;
    }

    /// <summary>
    /// Until the returned hold is disposed, every API call waits before it is answered: a test keeps a run in flight
    /// while it does what must happen during that run.
    /// </summary>
    public IDisposable HoldCalls()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _open = held;
        return new CallHold(held);
    }

    /// <summary>Mattermost ids: 26 lower-case letters and digits.</summary>
    public static string NewId()
    {
        const string Alphabet = "abcdefghijkmnopqrstuwxyz13456789";
        return string.Create(26, 0, (span, _) =>
        {
            Span<byte> bytes = stackalloc byte[26];
            RandomNumberGenerator.Fill(bytes);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[bytes[i] % Alphabet.Length];
            }
        });
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private sealed class CallHold(TaskCompletionSource held) : IDisposable
    {
        public void Dispose() => held.TrySetResult();
    }
}

public sealed record SimUser(string Id, string Username, string Email, bool IsBot = false);

/// <summary>A channel: <c>D</c> direct (its two members), <c>O</c> open (a webhook's).</summary>
public sealed record SimChannel(string Id, string Type, string Name, IReadOnlyList<string> Members, long CreateAt);

public sealed record SimHook(string Id, string ChannelId);

public sealed record SimPost(string Id, string ChannelId, string UserId, string Message, long CreateAt, string? HookId);

public sealed record SimToken(string Id, string Token, string UserId, string Description, long ExpiresAt)
{
    public bool IsActive { get; set; }
}
