namespace HiringPlatform.Testing;

using System.Net.Http.Json;
using System.Text.Json;

/// <summary>Reading the platform's paged lists ({ items, next, hasMore }) in tests.</summary>
public static class Pages
{
    /// <summary>The items of the first page of <paramref name="url"/> (up to the largest page).</summary>
    public static async Task<JsonElement[]> GetItemsAsync(this HttpClient client, string url)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=200");
        return Items(page);
    }

    public static JsonElement[] Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    /// <summary>Follows `next` from <paramref name="cursor"/> until hasMore is false; returns the ids seen and the cursor to resume from.</summary>
    public static async Task<(List<Guid> Ids, string Cursor)> DrainAsync(this HttpClient client, string url, string? cursor, int limit)
    {
        var ids = new List<Guid>();
        while (true)
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var response = await client.GetAsync($"{url}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = Items(page);
            if (items.Length > limit)
            {
                throw new InvalidOperationException($"A page of {items.Length} items for a limit of {limit}.");
            }
            ids.AddRange(items.Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next").GetString()!;
            var hasMore = page.GetProperty("hasMore").GetBoolean();
            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            if (!hasMore)
            {
                if (link is not null)
                {
                    throw new InvalidOperationException("A Link header on the last page.");
                }
                return (ids, cursor);
            }
            if (link is null || !link.Contains($"cursor={cursor}", StringComparison.Ordinal) || !link.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The Link header '{link}' does not name the next page.");
            }
        }
    }
}
