namespace HiringPlatform.Gateway.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

/// <summary>The gateway's OpenAPI documents: fetched from the services once per cache period, answered with an ETag.</summary>
[Collection(GatewayCollection.Name)]
public sealed class PublicDocumentsTests(GatewayFixture gateway)
{
    [Fact]
    public async Task The_documents_are_fetched_from_each_service_once_per_cache_period_and_a_matching_ETag_is_304()
    {
        using var client = gateway.Anonymous();
        var first = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var fetched = gateway.DocumentFetches;
        Assert.InRange(fetched, 1, 5);
        var etag = first.Headers.ETag!;
        Assert.Equal(60, first.Headers.CacheControl!.MaxAge!.Value.TotalSeconds);
        Assert.Equal(gateway.Address.ToString().TrimEnd('/'),
            JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("servers")[0].GetProperty("url").GetString());

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/scheduling.json")).StatusCode);
        }
        Assert.Equal(fetched, gateway.DocumentFetches);

        // Another address the gateway is reached at is the server of its answer, from the same cached document.
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        elsewhere.Headers.Host = "hiring.example.test";
        var other = await client.SendAsync(elsewhere);
        Assert.Equal("http://hiring.example.test",
            JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.NotEqual(etag.Tag, other.Headers.ETag!.Tag);
        Assert.Equal(fetched, gateway.DocumentFetches);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag.Tag, notModified.Headers.ETag!.Tag);
    }
}
