namespace HiringPlatform.Scorecard.Tests;

using HiringPlatform.ServiceDefaults.EventStore;
using Xunit;

/// <summary>Which of a page's integration events the outbox may publish side by side, and which stay in order.</summary>
public sealed class OutboxChainTests
{
    private sealed record Message(string Name, Guid Stream, Guid Candidate);

    private static readonly Guid Ada = Guid.NewGuid(), Bo = Guid.NewGuid(), Cy = Guid.NewGuid();
    private static readonly Guid CardA = Guid.NewGuid(), CardB = Guid.NewGuid(), CardC = Guid.NewGuid(), Decisions = Guid.NewGuid(), Pool = Guid.NewGuid();

    private static IReadOnlyList<string[]> Chains(params Message[] page) =>
        IntegrationEventOutbox.Chains(page, m => m.Stream, m => m.Candidate).Select(c => c.Select(m => m.Name).ToArray()).ToList();

    [Fact]
    public void Messages_about_different_candidates_on_different_streams_leave_side_by_side()
    {
        var chains = Chains(new("a", CardA, Ada), new("b", CardB, Bo), new("c", CardC, Cy));
        Assert.Equal([["a"], ["b"], ["c"]], chains);
    }

    [Fact]
    public void A_streams_messages_and_a_candidates_messages_stay_in_one_chain_in_the_order_of_the_page()
    {
        var chains = Chains(
            new("ada submitted", CardA, Ada),
            new("bo submitted", CardB, Bo),
            new("ada amended", CardA, Ada),
            new("ada decided", Decisions, Ada),
            new("cy submitted", CardC, Cy),
            new("bo decided", Decisions, Bo));
        // The decisions share a stream, which joins Ada's and Bo's chains; Cy's is on its own.
        Assert.Equal([["ada submitted", "bo submitted", "ada amended", "ada decided", "bo decided"], ["cy submitted"]], chains);
    }

    [Fact]
    public void Messages_that_name_no_candidate_are_joined_by_their_stream_only()
    {
        var chains = Chains(new("registered", Pool, Guid.Empty), new("ada", CardA, Ada), new("qualified", Pool, Guid.Empty),
            new("bo", CardB, Guid.Empty));
        Assert.Equal([["registered", "qualified"], ["ada"], ["bo"]], chains);
    }
}
