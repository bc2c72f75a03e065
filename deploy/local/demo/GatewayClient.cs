namespace HiringPlatform.Demo;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>
/// The gateway's API as one caller sees it: an <see cref="HttpClient"/> carrying a development token for one role and
/// subject (signed with the Development gateway's local key), with typed reads of the answers (Answers.cs).
/// A 429 (the gateway's per-client rate limit) waits as Retry-After says; any other failure throws. (A submission
/// racing the scorecard service's overdue monitor is decided again by the service, so it needs no retry here.)
/// </summary>
internal sealed class GatewayClient(string gateway, string signingKey, string role, string subject) : IDisposable
{
    private readonly HttpClient _http = Client(gateway, signingKey, role, subject);

    public void Dispose() => _http.Dispose();

    public Task<List<InterviewerLoad>> InterviewerLoads() => Get<List<InterviewerLoad>>("/api/v1/interviewers/load");

    public Task<InterviewerProfile> Interviewer(Guid id) => Get<InterviewerProfile>($"/api/v1/interviewers/{id}");

    public Task ReviseInterviewer(Guid id, InterviewerRevision revision) => Send(HttpMethod.Put, $"/api/v1/interviewers/{id}", revision);

    public async Task<Guid> RegisterInterviewer(NewInterviewer interviewer) =>
        (await Read<Registered>(HttpMethod.Post, "/api/v1/interviewers", interviewer)).Id;

    public Task<Application> SubmitCandidate(NewCandidate candidate) => Read<Application>(HttpMethod.Post, "/api/v1/candidates", candidate);

    public async Task<IReadOnlyList<ScorecardItem>> Scorecards(Guid candidateId) =>
        (await Get<ScorecardPage>($"/api/v1/scorecards?candidateId={candidateId}")).Items;

    public async Task<string> LoopSchedule(Guid loopId)
    {
        using var response = await Send(HttpMethod.Get, $"/api/v1/loops/{loopId}/schedule");
        return await response.Content.ReadAsStringAsync();
    }

    public Task SubmitScorecard(Guid scorecardId, ScorecardSubmission submission) =>
        Send(HttpMethod.Post, $"/api/v1/scorecards/{scorecardId}", submission);

    public Task RecordDecision(HiringDecision decision) => Send(HttpMethod.Post, "/api/v1/decisions", decision);

    /// <summary>A candidate's journey as calibration recorded it, or null while calibration has recorded nothing of it.</summary>
    public async Task<Journey?> Journey(Guid candidateId)
    {
        try
        {
            return await Get<Journey>($"/api/v1/calibration/journeys/{candidateId}");
        }
        catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Asks for a report over the default window; the answer's status line and the report's address.</summary>
    public async Task<(string Status, string Location)> RequestReport()
    {
        using var response = await Send(HttpMethod.Post, "/api/v1/calibration/reports", new { });
        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK) || response.Headers.Location is not { } location)
        {
            throw new InvalidOperationException($"POST /api/v1/calibration/reports answered {(int)response.StatusCode} without a report's address");
        }
        return ($"{(int)response.StatusCode} {response.StatusCode}", location.ToString());
    }

    public Task<ReportAnswer> Report(string location) => Get<ReportAnswer>(location);

    public async Task<string> Page(string address)
    {
        using var response = await Send(HttpMethod.Get, address);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<T> Get<T>(string path) => Read<T>(HttpMethod.Get, path);

    private async Task<T> Read<T>(HttpMethod method, string path, object? body = null)
    {
        using var response = await Send(method, path, body);
        return await response.Content.ReadFromJsonAsync<T>()
            ?? throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode} with an empty body");
    }

    /// <summary>One call, sent again after a 429; the caller disposes the successful answer.</summary>
    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body = null)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType()) };
            var response = await _http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5));
                    continue;
                }
                throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
            }
        }
    }

    private static HttpClient Client(string gateway, string signingKey, string role, string subject)
    {
        var client = new HttpClient { BaseAddress = new Uri(gateway), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            PlatformTokens.Mint(signingKey, PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience, subject,
                [role], TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
        return client;
    }
}
