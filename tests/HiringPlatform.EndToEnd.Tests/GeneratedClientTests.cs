namespace HiringPlatform.EndToEnd.Tests;

using HiringPlatform.Client;
using HiringPlatform.Client.Models;
using HiringPlatform.Testing;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Xunit;

/// <summary>
/// The integrator's flow through the client Kiota generates from docs/openapi/v1.json at build time
/// (no hand-written model): an HR system with its API key creates a candidate with an
/// Idempotency-Key, reads it back, follows its loop to the schedule, lists what changed since, and
/// subscribes a webhook. Every answer is also checked against the document (ContractChecker).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GeneratedClientTests(PlatformFixture platform)
{
    private HiringClient Client(string apiKey)
    {
        var http = KiotaClientFactory.Create(finalHandler: new ContractChecker(platform.Gateway.Address));
        // Kiota's ApiKeyAuthenticationProvider sends keys over https only; the test gateway is plain http on loopback.
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = platform.Gateway.Address.ToString().TrimEnd('/'),
        };
        return new HiringClient(adapter);
    }

    [Fact]
    public async Task An_hr_system_runs_the_integrator_flow_through_the_generated_client()
    {
        var team = Guid.NewGuid().ToString("N")[..6];
        await platform.RegisterInterviewerAsync($"Client A {team}", $"ca-{team}", "senior", ["coding", "data-modeling"]);
        await platform.RegisterInterviewerAsync($"Client B {team}", $"cb-{team}", "senior", ["project-deep-dive"]);
        // A panel of three different interviewers of its own, so the loop is scheduled whatever ran before.
        await platform.RegisterInterviewerAsync($"Client C {team}", $"cc-{team}", "senior", ["coding"]);
        var client = Client(PlatformFixture.ApiKey);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var key = Guid.NewGuid().ToString();
        var submission = new SubmitApplication
        {
            Name = $"Kiota Candidate {team}", Email = $"kiota.{team}@example.com", Role = "ml-engineer", Level = "abbreviated",
            ExternalId = $"ats-{team}",
        };

        var createdHeaders = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var created = await client.Api.V1.Candidates.PostAsync(submission, config =>
        {
            config.Headers.Add("Idempotency-Key", key);
            config.Options.Add(createdHeaders);
        });
        var replayHeaders = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var replayed = await client.Api.V1.Candidates.PostAsync(submission, config =>
        {
            config.Headers.Add("Idempotency-Key", key);
            config.Options.Add(replayHeaders);
        });
        Assert.NotNull(created?.Id);
        Assert.Equal(created.Id, replayed!.Id);
        Assert.Equal("api-key:local-ats", created.SubmittedBy);
        // The create's ETag (If-Match of a later withdrawal or loop change), the same again in the replayed answer.
        Assert.Equal(createdHeaders.ResponseHeaders["ETag"], replayHeaders.ResponseHeaders["ETag"]);
        Assert.Equal(["true"], replayHeaders.ResponseHeaders["Idempotent-Replayed"]);

        var candidateId = created.Id!.Value;
        var read = await client.Api.V1.Candidates[candidateId].GetAsync();
        Assert.Equal(submission.Name, read!.Name);
        var loop = await client.Api.V1.Candidates[candidateId].Loop.GetAsync();
        Assert.Equal(3, loop!.Slots!.Count);
        var schedule = await Eventually.Until(async () =>
            {
                try
                {
                    return await client.Api.V1.Loops[loop.LoopId!.Value].Schedule.GetAsync();
                }
                catch (Problem problem) when (problem.Status == 404)
                {
                    return null;
                }
            },
            s => s?.Interviews is { Count: 3 }, "the loop scheduled");
        Assert.All(schedule!.Interviews!, interview => Assert.Equal(candidateId, interview.CandidateId));

        var changed = await Eventually.Until(
            () => client.Api.V1.Candidates.GetAsync(config => config.QueryParameters.UpdatedAfter = since.ToString("O")),
            page => page?.Items?.Any(c => c.Id == candidateId) == true, "the candidate in the change feed");
        Assert.False(string.IsNullOrEmpty(changed!.Next));

        var invalid = await Assert.ThrowsAsync<Problem>(() => client.Api.V1.Candidates.PostAsync(new SubmitApplication { Name = "No Email" }));
        Assert.Equal(422, invalid.Status);
        Assert.Equal("urn:hiring-platform:problem:validation", invalid.Type);

        var subscription = await client.Api.V1.Webhooks.Subscriptions.PostAsync(new SubscriptionRequest
        {
            Url = "https://ats.example.com/hooks/kiota", EventTypes = [SubscriptionRequest_eventTypes.CandidateApplied, SubscriptionRequest_eventTypes.DecisionRecorded],
        });
        Assert.StartsWith("whsec_", subscription!.Secret, StringComparison.Ordinal);
        Assert.Equal(SubscriptionWithSecret_scope.Own, subscription.Scope);
        var listed = await client.Api.V1.Webhooks.Subscriptions[subscription.Id!.Value].GetAsync();
        Assert.Equal([SubscriptionDetails_eventTypes.CandidateApplied, SubscriptionDetails_eventTypes.DecisionRecorded], listed!.EventTypes);
    }
}
