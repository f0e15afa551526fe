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
    private int _failNext;
    private int _inFlight;
    private int _maxInFlight;

    public string AdminToken { get; set; } = "sim-admin-token";
    public string Version { get; set; } = "9.11.0";

    /// <summary>Off: creating a token answers 501 <c>app.user_access_token.disabled</c>, as with EnableUserAccessTokens=false.</summary>
    public bool UserAccessTokensEnabled { get; set; } = true;

    /// <summary>Off: the server ignores <c>expires_at</c> (servers before token expiry existed).</summary>
    public bool SupportsExpiry { get; set; } = true;
    public TimeSpan Latency { get; set; }
    public RateLimit? RateLimit { get; set; }

    public IEnumerable<SimUser> Users => _users.Values;
    public IEnumerable<SimToken> Tokens => _tokens.Values;
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

    public SimUser? User(string id) => _users.GetValueOrDefault(id);

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
        _failNext = 0;
        _maxInFlight = 0;
        UserAccessTokensEnabled = true;
        SupportsExpiry = true;
        Latency = TimeSpan.Zero;
        RateLimit = null;
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
}

public sealed record SimUser(string Id, string Username, string Email);

public sealed record SimToken(string Id, string Token, string UserId, string Description, long ExpiresAt)
{
    public bool IsActive { get; set; }
}
