namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

/// <summary>
/// The documents the gateway serves are checked in under docs/openapi (Spectral lints them there and
/// the generated client is built from v1.json): this test fails when they are stale. To refresh
/// them, run it with HIRING_UPDATE_OPENAPI=1.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PublishedDocumentsTests(PlatformFixture platform)
{
    public static TheoryData<string> Documents => new() { "v1", "loop-planner", "scheduling", "scorecard", "calibration", "webhooks" };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task The_checked_in_document_is_the_one_the_gateway_serves(string name)
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var response = await anonymous.GetAsync($"/openapi/{name}.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(platform.Gateway.Address.ToString().TrimEnd('/'), served["servers"]![0]!["url"]!.GetValue<string>());
        // Checked in with the public address a local `./hiring up` serves them at.
        served["servers"]![0]!["url"] = "http://127.0.0.1:5100";
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        var file = Path.Combine(Repository.Root, "docs", "openapi", $"{name}.json");
        if (Environment.GetEnvironmentVariable("HIRING_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, text);
        }
        Assert.True(File.Exists(file), $"{file} is missing: run this test with HIRING_UPDATE_OPENAPI=1");
        Assert.True(text == await File.ReadAllTextAsync(file),
            $"docs/openapi/{name}.json is not what the gateway serves: run this test with HIRING_UPDATE_OPENAPI=1 and commit the result");
    }

    [Fact]
    public async Task The_aggregated_document_holds_every_services_operations_once_with_unique_operation_ids()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var all = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var operations = Operations(all);
        Assert.Equal(operations.Count, operations.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(operations, o => string.IsNullOrEmpty(o.Id));
        var total = 0;
        foreach (var service in new[] { "loop-planner", "scheduling", "scorecard", "calibration", "webhooks" })
        {
            var own = Operations(JsonNode.Parse(await anonymous.GetStringAsync($"/openapi/{service}.json"))!);
            total += own.Count;
            Assert.All(own, o => Assert.Contains(operations, a => a.Path == o.Path && a.Method == o.Method));
        }
        Assert.Equal(total, operations.Count);
        // Every $ref points at a schema the document has.
        var text = all.ToJsonString();
        foreach (System.Text.RegularExpressions.Match reference in System.Text.RegularExpressions.Regex.Matches(text, "\"#/components/schemas/([^\"]+)\""))
        {
            Assert.NotNull(all["components"]!["schemas"]![reference.Groups[1].Value]);
        }
    }

    private static List<(string Path, string Method, string? Id)> Operations(JsonNode document) =>
        [.. document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(op => (path.Key, op.Key, op.Value!["operationId"]?.GetValue<string>())))];
}

/// <summary>The repository's root folder (where HiringPlatform.sln is).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HiringPlatform.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("HiringPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
