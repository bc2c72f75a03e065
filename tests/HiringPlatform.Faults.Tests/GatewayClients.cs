namespace HiringPlatform.Faults.Tests;

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>
/// The people and systems around the platform, each with a development token the gateway
/// accepts: an HR system, a recruiter, a hiring manager, an analyst, and each interviewer as themself.
/// </summary>
public sealed class GatewayClients(Uri gateway, string developmentKey) : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> clients = new();

    public HttpClient HrSystem => For(Roles.HrSystem, "faults-ats");

    public HttpClient Recruiter => For(Roles.Recruiter, "faults-recruiter");

    public HttpClient HiringManager => For(Roles.HiringManager, "faults-hiring-manager");

    public HttpClient Analyst => For(Roles.Analyst, "faults-analyst");

    public HttpClient Interviewer(Guid interviewerId) => For(Roles.Interviewer, interviewerId.ToString());

    private HttpClient For(string role, string subject) => clients.GetOrAdd($"{role}/{subject}", _ =>
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformTokens.Mint(developmentKey,
            PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience, subject, [role], TimeSpan.FromHours(2),
            DateTimeOffset.UtcNow));
        return client;
    });

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
