namespace HiringPlatform.ServiceDefaults.EventStore;

using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.Repositories;

/// <summary>One ASP.NET Core Data Protection key (its XML as the key manager wrote it), a document in the service's schema.</summary>
public sealed record DataProtectionKey(string Id, string Xml, DateTimeOffset StoredAt);

/// <summary>
/// The service's Data Protection key ring in its own PostgreSQL schema, so every replica of the service
/// protects and unprotects with the same keys (a replica's local folder would not do: another replica
/// could not read what it encrypted). The key manager creates, activates and retires keys itself
/// (a new key every 90 days by default, the old ones kept to decrypt); docs/privacy.md describes rotation.
/// </summary>
public sealed class MartenXmlRepository(IDocumentStore store) : IXmlRepository
{
    // IXmlRepository is synchronous and Marten 9 only asynchronous: the key manager calls these rarely
    // (at start, when it refreshes its cache, when it creates a key), off any request's hot path.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        return session.Query<DataProtectionKey>().ToListAsync().GetAwaiter().GetResult().Select(key => XElement.Parse(key.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DataProtectionKey(string.IsNullOrEmpty(friendlyName) ? $"key-{Guid.NewGuid()}" : friendlyName,
            element.ToString(SaveOptions.DisableFormatting), DateTimeOffset.UtcNow));
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}
