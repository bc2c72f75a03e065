namespace HiringPlatform.Testing;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

/// <summary>Writes with an If-Match header, and the assertion every stale one must meet.</summary>
public static class IfMatch
{
    /// <summary>Sends <paramref name="body"/> (as JSON, if any) with If-Match: <paramref name="etag"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, object? body, string etag)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.ParseAdd(etag);
        return await client.SendAsync(request);
    }

    /// <summary>The ETag of a GET.</summary>
    public static async Task<string> EtagOfAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag?.Tag ?? throw new Xunit.Sdk.XunitException($"GET {url} gave no ETag.");
    }

    /// <summary>412 problem+json with the precondition-failed type, and the current tag in ETag.</summary>
    public static async Task AssertStaleAsync(HttpResponseMessage response, string staleTag)
    {
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:hiring-platform:problem:precondition-failed",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.NotEqual(staleTag, response.Headers.ETag?.Tag);
    }
}
