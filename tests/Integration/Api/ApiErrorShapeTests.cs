using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain.People;
using Switchboard.Domain.Provisioning;
using Switchboard.Portal.Auth;

namespace Switchboard.IntegrationTests.Api;

/// <summary>
/// Walks every machine endpoint the portal maps (read from its endpoint data source, so a new endpoint is covered without
/// touching this test) with hostile shapes: every answer is JSON problem details with a 4xx status, never a redirect or a 500.
/// </summary>
public sealed class ApiErrorShapeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    private static readonly HashSet<HttpStatusCode> ErrorStatuses =
    [
        HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound,
        HttpStatusCode.MethodNotAllowed, HttpStatusCode.Conflict, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType,
    ];

    // Bodies that are JSON but not what any endpoint expects: nulls where values belong, a lone surrogate, wrong types.
    private static readonly string[] HostileBodies =
    [
        """{"roles":null}""",
        "[null]",
        """{"attributes":{"x":null}}""",
        """{"topics":null,"configurations":null}""",
        """{"topics":[null],"configurations":[null]}""",
        "null",
        "\"x\"",
        "[]",
        """{"username":"\ud800","note":"\ud800","body":"\ud800","id":"\ud800","routingKey":"\ud800","roles":["\ud800"]}""",
        """["\ud800"]""",
        """[{"id":"\ud800","entityType":"IdmIdentity","eventType":"CREATE","entityId":"e","identity":"i"}]""",
        """{"routingKey":"k","headers":[1],"properties":"x"}""",
        """{"note":null,"body":null}""",
        "{",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryApiEndpoint_WithoutKey_Is401ProblemDetails()
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var endpoint in ApiEndpoints())
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
            await AssertProblemAsync(await client.SendAsync(request, Ct), endpoint.ToString(), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task EveryApiEndpoint_WithHostileBodies_AnswersProblemDetailsNever500()
    {
        var client = await AllScopesClientAsync();
        foreach (var endpoint in ApiEndpoints().Where(e => e.Method is "POST" or "PUT"))
        {
            foreach (var body in HostileBodies)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = content }, Ct);
                await AssertProblemOrSuccessAsync(response, $"{endpoint} with {body}");
            }
        }
    }

    [Fact]
    public async Task EveryApiEndpointTakingJson_WithWrongOrMissingContentType_Is415()
    {
        var client = await AllScopesClientAsync();
        foreach (var endpoint in ApiEndpoints().Where(e => e.TakesJson))
        {
            using var plain = new StringContent("{}", Encoding.UTF8, "text/plain");
            await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = plain }, Ct),
                $"{endpoint} as text/plain", HttpStatusCode.UnsupportedMediaType);

            using var untyped = new ByteArrayContent("{}"u8.ToArray());
            await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = untyped }, Ct),
                $"{endpoint} without a content type", HttpStatusCode.UnsupportedMediaType);
        }
    }

    [Fact]
    public async Task EveryApiEndpointTakingJson_WithTooLargeBody_Is413()
    {
        var client = await AllScopesClientAsync();
        var large = "[" + string.Join(',', Enumerable.Repeat("\"" + new string('x', 1000) + "\"", 40_000)) + "]";
        foreach (var endpoint in ApiEndpoints().Where(e => e.TakesJson))
        {
            using var content = new StringContent(large, Encoding.UTF8, "application/json");
            await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url) { Content = content }, Ct),
                $"{endpoint} with 40 MB", HttpStatusCode.RequestEntityTooLarge);
        }
    }

    [Fact]
    public async Task EveryApiPath_WithAMethodItDoesNotTake_Is405ProblemDetails()
    {
        var client = await AllScopesClientAsync();
        var endpoints = ApiEndpoints();
        foreach (var group in endpoints.GroupBy(e => e.Url))
        {
            // A literal path (POST /api/jobs/token-regeneration/runs) also takes the methods of a pattern matching it (GET /api/jobs/{name}/runs).
            foreach (var method in Methods.Except(endpoints.Where(e => e.Serves(group.Key)).Select(e => e.Method)))
            {
                using var content = new StringContent("{}", Encoding.UTF8, "application/json");
                await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), group.Key) { Content = content }, Ct),
                    $"{method} {group.Key}", HttpStatusCode.MethodNotAllowed);
            }
        }
    }

    [Theory]
    [InlineData("POST", "/api/event")]
    [InlineData("GET", "/api/nothing/here")]
    [InlineData("DELETE", "/api/people/x/y")]
    [InlineData("GET", "/api")]
    public async Task UnknownApiPath_Is404ProblemDetails_WithOrWithoutKey(string method, string path)
    {
        var anonymous = portal.CreateClient(new() { AllowAutoRedirect = false });
        await AssertProblemAsync(await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct), $"{method} {path}", HttpStatusCode.NotFound);

        var client = await AllScopesClientAsync();
        await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct), $"{method} {path} with key", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EveryApiQueryParameter_WithAValueThatDoesNotBind_Is400NamingTheParameter()
    {
        var client = await AllScopesClientAsync();
        foreach (var endpoint in ApiEndpoints())
        {
            foreach (var parameter in endpoint.TypedQueryParameters)
            {
                var url = $"{endpoint.Url}?{parameter}=not-a-value";
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
                if (endpoint.TakesJson)
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request, Ct);
                var problem = await AssertProblemAsync(response, $"{endpoint.Method} {url}", HttpStatusCode.BadRequest);
                Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(parameter, out _),
                    $"{endpoint.Method} {url} does not name {parameter}: {problem}");
            }
        }
    }

    [Fact]
    public async Task EveryPagedList_WithAPageBeyondTheLimit_Is400NamingPage()
    {
        var client = await AllScopesClientAsync();
        foreach (var endpoint in ApiEndpoints().Where(e => e.Method == "GET" && e.QueryParameters.Contains("page")))
        {
            foreach (var page in new[] { "2147483647", "-1" })
            {
                var url = $"{endpoint.Url}?page={page}";
                var problem = await AssertProblemAsync(await client.GetAsync(url, Ct), url, HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _), $"{url}: {problem}");
            }
        }
    }

    [Theory]
    [InlineData("PUT", "/api/people/shape.a", """{"roles":null}""", "items[0].roles")]
    [InlineData("PUT", "/api/people/shape.a", """{"roles":["ok",null]}""", "items[0].roles")]
    [InlineData("PUT", "/api/people/shape.a", """{"attributes":null}""", "items[0].attributes")]
    [InlineData("PUT", "/api/people/shape.a", """{"attributes":{"x":null}}""", "items[0].attributes.x")]
    [InlineData("PUT", "/api/people/shape.a", """{"firstName":"\ud800"}""", "firstName")]
    [InlineData("PUT", "/api/people/shape.a", """{"disabled":"maybe"}""", "disabled")]
    [InlineData("POST", "/api/people:batch", "[null]", "items[0]")]
    [InlineData("POST", "/api/people:batch", """{"username":"not.an.array"}""", "body")]
    [InlineData("PUT", "/api/notifications/code-lists", """{"topics":null,"configurations":[]}""", "topics")]
    [InlineData("PUT", "/api/notifications/code-lists", """{"topics":[null],"configurations":[]}""", "topics[0]")]
    [InlineData("PUT", "/api/notifications/code-lists", """{"topics":[],"configurations":[null]}""", "configurations[0]")]
    [InlineData("PUT", "/api/notifications/code-lists", """{"topics":[],"configurations":[{"recipientRoles":null}]}""", "configurations[0].RecipientRoles")]
    [InlineData("POST", "/api/events", """[{"id":"\ud800","entityType":"IdmIdentity","eventType":"CREATE","entityId":"e","identity":"i"}]""", "[0].id")]
    [InlineData("POST", "/api/provisioning/messages", """{"routingKey":"k","headers":[1]}""", "headers")]
    [InlineData("POST", "/api/provisioning/messages", """{"routingKey":"k","properties":"x"}""", "properties")]
    [InlineData("POST", "/api/provisioning/envelopes/1/resolution", """{"note":null}""", "note")]
    public async Task BadBody_Is400NamingTheField(string method, string url, string body, string field)
    {
        var client = await AllScopesClientAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = content }, Ct);

        var problem = await AssertProblemAsync(response, $"{method} {url} with {body}", HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{field} not named: {problem}");
    }

    [Fact]
    public async Task CollectionsBeyondTheirLimits_Are400NamingTheField()
    {
        var client = await AllScopesClientAsync();
        var roles = Enumerable.Range(0, DirectoryRules.MaxRolesPerPerson + 1).Select(i => $"r{i}").ToArray();
        var note = new string('n', ProvisioningEnvelope.NoteMaxLength + 1);

        var person = await client.PutAsJsonAsync("/api/people/shape.many", new { roles }, Ct);
        var resolution = await client.PostAsJsonAsync("/api/provisioning/envelopes/1/resolution", new { note }, Ct);

        var personProblem = await AssertProblemAsync(person, "201 roles", HttpStatusCode.BadRequest);
        Assert.True(personProblem.GetProperty("errors").TryGetProperty("items[0].roles", out _), personProblem.ToString());
        var noteProblem = await AssertProblemAsync(resolution, "a long note", HttpStatusCode.BadRequest);
        Assert.True(noteProblem.GetProperty("errors").TryGetProperty("note", out _), noteProblem.ToString());
    }

    [Fact]
    public void EveryApiEndpoint_DemandsAScope_AndTheWalkSeesThemAll()
    {
        var endpoints = ApiEndpoints();

        Assert.True(endpoints.Count >= 19, $"only {endpoints.Count} endpoints found");
        Assert.All(endpoints, e => Assert.True(e.Scoped, $"{e} demands no scope"));
        var described = string.Join("; ", endpoints.Select(e => $"{e} json={e.TakesJson} query={string.Join(',', e.TypedQueryParameters)}"));
        Assert.True(endpoints.Any(e => e.Url == "/api/people:batch" && e.TakesJson), described);
        Assert.True(endpoints.Any(e => e.Url == "/api/events" && e.TakesJson), described);
        Assert.True(endpoints.Any(e => e.Url == "/api/provisioning/envelopes" && e.TypedQueryParameters.Contains("from")), described);
        Assert.True(endpoints.Any(e => e.Url == "/api/people" && e.TypedQueryParameters.Contains("includeDeleted")), described);
        Assert.True(endpoints.Any(e => e.Url == "/api/audit" && e.TypedQueryParameters.Contains("from")), described);
    }

    private async Task<HttpClient> AllScopesClientAsync() => portal.ClientWithKey(await portal.CreateApiKeyAsync(PortalFactory.AllScopes));

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, string what, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{what}: {(int)response.StatusCode} instead of {(int)expected}: {Excerpt(body)}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{what}: content type {response.Content.Headers.ContentType} instead of problem details: {Excerpt(body)}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static async Task AssertProblemOrSuccessAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        Assert.True(ErrorStatuses.Contains(response.StatusCode), $"{what}: {(int)response.StatusCode}: {Excerpt(body)}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: content type {response.Content.Headers.ContentType}");
    }

    private static string Excerpt(string body) => body.Length > 300 ? body[..300] : body;

    private List<ApiEndpoint> ApiEndpoints() =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ApiEndpoint.Of(e, m)))
            .ToList();

    private sealed record ApiEndpoint(
        string Method, string Url, bool Scoped, bool TakesJson, IReadOnlyList<string> QueryParameters, IReadOnlyList<string> TypedQueryParameters, RoutePattern Pattern)
    {
        /// <summary>Whether this endpoint's route takes <paramref name="url"/> (constraints aside), as routing would.</summary>
        public bool Serves(string url) =>
            new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
                Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(Pattern.RawText!), new RouteValueDictionary())
            .TryMatch(url, new RouteValueDictionary());

        public static ApiEndpoint Of(RouteEndpoint endpoint, string method)
        {
            var url = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(Segment));
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var handler = endpoint.Metadata.GetMetadata<MethodInfo>() ?? throw new InvalidOperationException($"{endpoint.DisplayName} has no handler method");
            var parameters = handler.GetParameters()
                .SelectMany(Expand)
                .Where(p => !routeNames.Contains(p.Name))
                .ToList();
            return new(method, url, endpoint.Metadata.GetMetadata<RequiredScope>() is not null, endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 },
                parameters.Select(p => Camel(p.Name)).ToList(),
                parameters.Where(p => p.Type != typeof(string)).Select(p => Camel(p.Name)).ToList(),
                endpoint.RoutePattern);
        }

        // The query parameters a handler binds: simple ones, and the properties of an [AsParameters] record.
        private static IEnumerable<(string Name, Type Type)> Expand(ParameterInfo parameter) =>
            parameter.GetCustomAttributes(typeof(AsParametersAttribute), false).Length > 0
                ? parameter.ParameterType.GetConstructors().Single().GetParameters().SelectMany(Expand)
                : IsQueryValue(Unwrap(parameter.ParameterType)) && parameter.GetCustomAttributes(typeof(FromBodyAttribute), false).Length == 0
                    ? [(parameter.Name!, Unwrap(parameter.ParameterType))]
                    : [];

        private static bool IsQueryValue(Type type) => type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(DateTime);

        public override string ToString() => $"{Method} {Url}";

        private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

        private static string Segment(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") ? "1" : "x",
            _ => "",
        }));
    }
}
