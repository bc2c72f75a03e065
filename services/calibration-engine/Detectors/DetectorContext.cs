using HiringPlatform.Calibration.Engine.Additive;
using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>Everything a detector reads: the data, the model fits, the additive model and the configuration.</summary>
public sealed class DetectorContext
{
    public DetectorContext(ModelSet models, AdditiveResult additive, CalibrationConfig config)
    {
        Models = models;
        Additive = additive;
        Config = config;
        var data = models.Data;
        ScorecardsOf = new List<int>[data.InterviewerIds.Count];
        for (var j = 0; j < ScorecardsOf.Length; j++)
        {
            ScorecardsOf[j] = [];
        }

        for (var s = 0; s < data.Scorecards.Count; s++)
        {
            ScorecardsOf[data.Scorecards[s].Interviewer].Add(s);
        }

        ObservationsOfScorecard = new List<int>[data.Scorecards.Count];
        for (var s = 0; s < ObservationsOfScorecard.Length; s++)
        {
            ObservationsOfScorecard[s] = [];
        }

        for (var o = 0; o < data.Observations.Length; o++)
        {
            ObservationsOfScorecard[data.Observations[o].Scorecard].Add(o);
        }

        ScorecardsOfCandidate = new List<int>[data.CandidateIds.Count];
        for (var n = 0; n < ScorecardsOfCandidate.Length; n++)
        {
            ScorecardsOfCandidate[n] = [];
        }

        for (var s = 0; s < data.Scorecards.Count; s++)
        {
            ScorecardsOfCandidate[data.Scorecards[s].Candidate].Add(s);
        }

        RatingsOf = new int[data.InterviewerIds.Count];
        foreach (var o in data.Observations)
        {
            RatingsOf[o.Interviewer]++;
        }

        fitReferences = models.Fits.Select(cf => new Lazy<Rasch.BootstrapFitReference?[]>(
            () => Rasch.FitBootstrap.Raters(cf.Data, cf.Jmle, Config.FitBootstrapReplicates, Config.Seed + (ulong)cf.ComponentId),
            LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();
    }

    private DetectorContext(DetectorContext shared)
    {
        Models = shared.Models;
        Additive = shared.Additive;
        Config = shared.Config;
        ScorecardsOf = shared.ScorecardsOf;
        ObservationsOfScorecard = shared.ObservationsOfScorecard;
        ScorecardsOfCandidate = shared.ScorecardsOfCandidate;
        RatingsOf = shared.RatingsOf;
        fitReferences = shared.fitReferences;
    }

    /// <summary>
    /// The same context with a list of its own for "not enough data" answers, so that detectors can run side by side and
    /// their answers be added to this one's in a fixed order afterwards. The fit references stay shared (each computed once).
    /// </summary>
    public DetectorContext WithOwnAnswers() => new(this);

    public ModelSet Models { get; }

    public CalibrationData Data => Models.Data;

    public AdditiveResult Additive { get; }

    public CalibrationConfig Config { get; }

    public List<int>[] ScorecardsOf { get; }

    public List<int>[] ObservationsOfScorecard { get; }

    public List<int>[] ScorecardsOfCandidate { get; }

    public int[] RatingsOf { get; }

    /// <summary>Interviewers the detectors could not test, with what is missing (filled while the detectors run).</summary>
    public List<NotEnoughData> NotEnough { get; } = [];

    public void Missing(string detector, int interviewer, string missing, string? scope = null) => NotEnough.Add(new NotEnoughData(detector, interviewer, scope, missing));

    /// <summary>z of the configured power (0.8 → 0.84): the distance of the alternative's mean above the critical value.</summary>
    public double PowerZ => Statistics.Probability.NormalQuantile(Config.MdePower);

    /// <summary>The critical z of a test at level <paramref name="alpha"/> divided over <paramref name="tails"/> tails (and Bonferroni factors).</summary>
    public static double CriticalZ(double alpha, double tails) => Statistics.Probability.NormalQuantile(1 - Math.Clamp(alpha / tails, 1e-300, 0.5));

    public int ComponentOf(int interviewer) => Models.Components.ComponentOfInterviewer[interviewer];

    /// <summary>
    /// Parametric-bootstrap fit references of the interviewer (§4.4; null when <see cref="CalibrationConfig.FitBootstrapReplicates"/>
    /// is below 2 or the interviewer's component is not modelled), computed once per component and shared by the
    /// inconsistency and central-tendency detectors. Seeded by the configuration seed and the component id.
    /// </summary>
    public Rasch.BootstrapFitReference? FitReference(int interviewer)
    {
        var f = Models.RaterFit[interviewer];
        if (f < 0)
        {
            return null;
        }

        return fitReferences[f].Value[Models.RaterLocal[interviewer]];
    }

    private readonly Lazy<Rasch.BootstrapFitReference?[]>[] fitReferences;
}
