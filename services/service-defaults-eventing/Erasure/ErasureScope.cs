namespace HiringPlatform.ServiceDefaults.Erasure;

/// <summary>Whose personal data an erasure removes: a candidate, or an interviewer.</summary>
public sealed record ErasureSubject(Guid? Candidate = null, Guid? Interviewer = null)
{
    public static ErasureSubject OfCandidate(Guid candidateId) => new(Candidate: candidateId);

    public static ErasureSubject OfInterviewer(Guid interviewerId) => new(Interviewer: interviewerId);

    public bool IsCandidate(Guid candidateId) => Candidate is { } id && id == candidateId;

    public bool IsInterviewer(Guid interviewerId) => Interviewer is { } id && id == interviewerId;

    public override string ToString() => Candidate is { } c ? $"candidate {c}" : $"interviewer {Interviewer}";
}

/// <summary>
/// The subject of the masking that runs now. Marten's masking rules are registered once per event type, but one event can
/// hold two people's data (a booking names the interviewer in the candidate's loop): each rule asks the scope whose data
/// it masks, so erasing a candidate leaves the interviewer's name on the booking and the other way round. Outside a scope
/// every rule leaves its event as it is.
/// </summary>
public static class ErasureScope
{
    /// <summary>What personal text becomes. A placeholder rather than null: "there was evidence" survives, its words do not.</summary>
    public const string Masked = "[erased]";

    private static readonly AsyncLocal<ErasureSubject?> current = new();

    public static ErasureSubject? Current => current.Value;

    public static IDisposable Enter(ErasureSubject subject)
    {
        var previous = current.Value;
        current.Value = subject;
        return new Exit(previous);
    }

    public static bool ErasesCandidate(Guid candidateId) => current.Value?.IsCandidate(candidateId) == true;

    public static bool ErasesInterviewer(Guid interviewerId) => current.Value?.IsInterviewer(interviewerId) == true;

    public static string Text(string text) => text.Length == 0 ? text : Masked;

    public static string? TextOrNull(string? text) => text is null ? null : Text(text);

    private sealed class Exit(ErasureSubject? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
