namespace HiringPlatform.Contracts.LoopPlanner;

/// <summary>
/// The candidate's personal data is to be erased (an erasure request under GDPR Art. 17, or the HR system's deletion):
/// every service masks the candidate's names, e-mail, evidence notes and free text in its events and documents, and keeps
/// ids, ratings, probe shares, recommendations and decisions, so journeys still replay. Carries no personal data itself:
/// <see cref="Reason"/> is the request's reference as the requester gave it.
/// </summary>
public sealed record CandidateErased(
    Guid EventId,
    Guid CandidateId,
    string Reason,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
