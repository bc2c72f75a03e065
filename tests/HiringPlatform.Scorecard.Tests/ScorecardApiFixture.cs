namespace HiringPlatform.Scorecard.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Contract = HiringPlatform.Contracts.Scorecard;

/// <summary>
/// The scorecard service on the real database and broker, on a clock the tests move, listening
/// to everything it publishes.
/// </summary>
public sealed class ScorecardApiFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public IsolatedInfrastructure Infrastructure { get; private set; } = null!;

    public ServiceHost<Marker> Host { get; private set; } = null!;

    public PublishedMessages Published { get; private set; } = null!;

    public IBus Bus => Host.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        Infrastructure = await IsolatedInfrastructure.CreateAsync();
        Host = new ServiceHost<Marker>("scorecard", Infrastructure,
            new Dictionary<string, string> { ["Scorecards:OverdueCheckInterval"] = "00:01:00" },
            services: services => services.AddSingleton<TimeProvider>(Clock));
        Host.Start();
        Published = await PublishedMessages.ListenAsync(Infrastructure, typeof(Contract.ScorecardSubmitted),
            typeof(Contract.ScorecardAmended), typeof(Contract.ScorecardOverdue), typeof(Contract.ScorecardsViewed),
            typeof(Contract.DecisionRecorded));
    }

    public async Task DisposeAsync()
    {
        await Published.DisposeAsync();
        await Host.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }

    public HttpClient As(Guid subject, params string[] roles) => Host.CreateClientAs(subject.ToString(), roles);

    /// <summary>Schedules one interview (as scheduling would publish it) and waits for its scorecards.</summary>
    public async Task<ScheduledInterview> ScheduleAsync(Guid? candidateId = null, Guid? interviewer = null, Guid? trainee = null,
        DateTimeOffset? endsAt = null)
    {
        var ends = endsAt ?? Clock.GetUtcNow().AddHours(-1);
        var message = new InterviewScheduled(Guid.CreateVersion7(), candidateId ?? Guid.CreateVersion7(), Guid.CreateVersion7(),
            Guid.CreateVersion7(), Guid.CreateVersion7(), "coding", interviewer ?? Guid.CreateVersion7(), "Ada", ends.AddHours(-1), ends,
            [new CompetencyWeight("algorithms", 0.5m), new CompetencyWeight("maintainable-code", 0.4m), new CompetencyWeight("communication", 0.1m)],
            Clock.GetUtcNow(), "system:scheduling",
            trainee is { } t ? [new InterviewTrainee(t, "Trainee", "shadow")] : null);
        await Bus.Publish(message, context => context.MessageId = message.EventId);
        using var recruiter = As(Guid.CreateVersion7(), Roles.Recruiter);
        await Eventually.Until(
            () => recruiter.GetItemsAsync($"/api/v1/scorecards?candidateId={message.CandidateId}")!,
            cards => cards!.Count(c => c.GetProperty("interviewId").GetGuid() == message.InterviewId) == (trainee is null ? 1 : 2),
            "the interview's scorecards");
        return new ScheduledInterview(message.CandidateId, message.InterviewId, message.InterviewerId, message);
    }

    public static object Content(string recommendation = "yes", int rating = 3) => new
    {
        ratings = new object[]
        {
            new { competency = "algorithms", rating, evidence = "Solved the graph variant." },
            new { competency = "maintainable-code", rating, evidence = "Clear names, tests." },
            new { competency = "communication", rating = (int?)null },
        },
        recommendation,
        probes = new[] { new { competency = "algorithms", topic = "graph search", share = 0.6m } },
        summary = "Solid.",
    };
}

public sealed record ScheduledInterview(Guid CandidateId, Guid InterviewId, Guid InterviewerId, InterviewScheduled Message);

public sealed record ApplicationFor(Guid CandidateId, string Recruiter)
{
    public CandidateApplied Message(DateTimeOffset at) =>
        new(Guid.CreateVersion7(), CandidateId, null, "Cand", "c@example.com", "ml-engineer", "senior", at, Recruiter);
}
