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
