namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

/// <summary>Each service publishes its OpenAPI document; the gateway serves them with a browsable reference.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("loop-planner", "/api/v1/candidates")]
    [InlineData("scheduling", "/api/v1/interviewers")]
    [InlineData("scorecard", "/api/v1/scorecards/{scorecardId}")]
    [InlineData("calibration", "/api/v1/calibration/journeys/{candidateId}")]
    public async Task The_gateway_serves_each_services_openapi_document(string service, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal($"HiringPlatform {service}", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out _),
            $"{path} not in {string.Join(", ", document.GetProperty("paths").EnumerateObject().Select(p => p.Name))}");
    }

    [Fact]
    public async Task The_reference_ui_lists_every_service_and_loads_its_script_from_the_gateway()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var page = await anonymous.GetAsync("/api/reference");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        foreach (var service in new[] { "loop-planner", "scheduling", "scorecard", "calibration" })
        {
            Assert.Contains(service, html, StringComparison.Ordinal);
        }
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), html);
        Assert.DoesNotContain("://", script, StringComparison.Ordinal);
        var scriptUri = new Uri(new Uri(platform.Gateway.Address, "/api/reference/"), script);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(scriptUri)).StatusCode);
    }

    public static TheoryData<string> DocumentedServices => new() { "loop-planner", "scheduling", "scorecard", "calibration", "webhooks" };

    private async Task<List<(string Path, string Method, JsonElement Operation)>> Operations(string service)
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
        return [.. document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(op => (path.Name, op.Name.ToUpperInvariant(), op.Value)))];
    }

    private static IEnumerable<JsonElement> Examples(JsonElement content) =>
        content.EnumerateObject().Where(media => media.Value.TryGetProperty("example", out _)).Select(media => media.Value.GetProperty("example"));

    [Theory]
    [MemberData(nameof(DocumentedServices))]
    public async Task Every_operation_documents_its_roles_its_errors_and_an_example(string service)
    {
        var operations = await Operations(service);
        Assert.NotEmpty(operations);
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method} {path} in {service}";
            Assert.True(operation.TryGetProperty("x-roles", out var roles) && roles.GetArrayLength() > 0, $"{where}: no x-roles");
            Assert.Contains("Roles: " + string.Join(", ", roles.EnumerateArray().Select(r => r.GetString())),
                operation.GetProperty("description").GetString(), StringComparison.Ordinal);

            var errors = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] == '4').ToList();
            Assert.True(errors.Count > 0, $"{where}: no error response");
            foreach (var error in errors)
            {
                var problem = error.Value.GetProperty("content").GetProperty("application/problem+json");
                Assert.StartsWith("urn:hiring-platform:problem:", problem.GetProperty("example").GetProperty("type").GetString(), StringComparison.Ordinal);
            }
            Assert.Contains(errors, e => e.Name == "401");
            Assert.Contains(errors, e => e.Name == "403");

            if (operation.TryGetProperty("requestBody", out var body))
            {
                Assert.True(Examples(body.GetProperty("content")).Any(), $"{where}: no request example");
                Assert.Contains(errors, e => e.Name == "422");
            }
            if (path.Contains('{', StringComparison.Ordinal))
            {
                Assert.Contains(errors, e => e.Name == "404");
            }
            // An update of an existing resource honours If-Match (a replay sends again; it changes nothing that has a version).
            if (method is "PUT" || method is "POST" && path.Contains('{', StringComparison.Ordinal) && !path.EndsWith("/replay", StringComparison.Ordinal))
            {
                Assert.Contains(errors, e => e.Name == "412");
                Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "If-Match");
            }
        }
    }

    /// <summary>
    /// One source of truth for who may call what: the gateway's routes and Gateway:RoutePolicies in
    /// gateway/appsettings.json. Every role set a service documents must be the gateway's for that route and method.
    /// </summary>
    [Theory]
    [MemberData(nameof(DocumentedServices))]
    public async Task The_documented_roles_are_the_gateways_route_policies(string service)
    {
        using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "gateway", "appsettings.json")));
        var policies = settings.RootElement.GetProperty("Gateway").GetProperty("RoutePolicies");
        var routes = settings.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject()
            .Select(r => (
                Prefix: r.Value.GetProperty("Match").GetProperty("Path").GetString()!.Replace("/{**rest}", "", StringComparison.Ordinal),
                Methods: r.Value.GetProperty("Match").GetProperty("Methods").EnumerateArray().Select(m => m.GetString()).ToList(),
                Policy: r.Value.GetProperty("AuthorizationPolicy").GetString()!))
            .ToList();

        foreach (var (path, method, operation) in await Operations(service))
        {
            var route = routes.Where(r => r.Methods.Contains(method) && (path == r.Prefix || path.StartsWith(r.Prefix + "/", StringComparison.Ordinal)))
                .OrderByDescending(r => r.Prefix.Length).First();
            var gateway = policies.GetProperty(route.Policy).EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal);
            var documented = operation.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal);
            Assert.True(gateway.SequenceEqual(documented),
                $"{method} {path}: documented {string.Join(", ", documented)}, the gateway's {route.Policy} is {string.Join(", ", gateway)}");
        }
    }

    public static TheoryData<string, string> ClosedSetServices => new()
    {
        { "loop-planner", typeof(HiringPlatform.LoopPlanner.Marker).Assembly.GetName().Name! },
        { "scheduling", typeof(HiringPlatform.Scheduling.Marker).Assembly.GetName().Name! },
        { "scorecard", typeof(HiringPlatform.Scorecard.Marker).Assembly.GetName().Name! },
        { "calibration", typeof(HiringPlatform.Calibration.Marker).Assembly.GetName().Name! },
        { "webhooks", typeof(HiringPlatform.Webhooks.Marker).Assembly.GetName().Name! },
    };

    /// <summary>
    /// Every property a service marks as a closed set is documented as exactly that enum (on the items of a list),
    /// wherever its type is a schema of the document; a generated client gets the values, a validator refuses others.
    /// </summary>
    [Theory]
    [MemberData(nameof(ClosedSetServices))]
    public async Task Every_closed_set_is_documented_as_its_enum(string service, string assembly)
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var schemas = (await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json")).GetProperty("components").GetProperty("schemas");
        var marked = System.Reflection.Assembly.Load(assembly).GetTypes()
            .SelectMany(type => type.GetProperties().Select(property => (type, property,
                closed: property.GetCustomAttributes(typeof(HiringPlatform.ServiceDefaults.Http.ClosedSetAttribute), true)
                    .Cast<HiringPlatform.ServiceDefaults.Http.ClosedSetAttribute>().SingleOrDefault())))
            .Where(m => m.closed is not null)
            .ToList();
        Assert.NotEmpty(marked);
        var checkedCount = 0;
        foreach (var (type, property, closed) in marked)
        {
            if (!schemas.TryGetProperty(type.Name, out var schema))
            {
                continue;
            }
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Assert.True(schema.GetProperty("properties").TryGetProperty(name, out var documented), $"{type.Name}.{name} not documented");
            var values = documented.TryGetProperty("items", out var items) ? items : documented;
            Assert.True(values.TryGetProperty("enum", out var listed), $"{type.Name}.{name} has no enum in {service}");
            Assert.Equal(closed!.Values(), listed.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
            checkedCount++;
        }
        Assert.True(checkedCount > 0, $"no marked type is a schema of {service}");
    }

    /// <summary>Every example the documents give (request bodies and answers, problems included) is valid against its schema.</summary>
    [Fact]
    public async Task Every_example_in_the_aggregated_document_validates_against_its_schema()
    {
        var (examples, mismatches) = await ContractChecker.ExampleMismatchesAsync(platform.Gateway.Address);

        Assert.True(examples > 500, $"only {examples} examples checked");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches.Take(30)) + $"{Environment.NewLine}({mismatches.Count} in all)");
    }
}
