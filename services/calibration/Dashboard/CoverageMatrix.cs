using HiringPlatform.Calibration.Engine.Import;

namespace HiringPlatform.Calibration.Dashboard;

/// <summary>Where the probed shares of a coverage matrix come from.</summary>
public enum CoverageBasis
{
    /// <summary>Every scorecard recorded the share of the interview's time spent on each competency.</summary>
    ProbeShares,

    /// <summary>No scorecard recorded probe shares: each rated competency counts as an equal share of its interview.</summary>
    RatedCompetencies,

    /// <summary>Some scorecards recorded probe shares; the others count their rated competencies equally.</summary>
    Mixed,
}

/// <summary>
/// Per interviewer x competency: the mean share of the interview's time the interviewer spent probing the competency, over
/// the interviewer's scorecards, next to the mean blueprint share of the interview types they ran. A cog in a machine shows
/// as one competency probed far above its blueprint share (e.g. 0.8 against 0.2) and the others far below.
/// </summary>
public sealed record CoverageMatrix(IReadOnlyList<string> Competencies, IReadOnlyList<CoverageRow> Rows)
{
    /// <summary>Scorecards whose probed shares fell back to the share of rated competencies (no probe shares recorded).</summary>
    public int ScorecardsWithoutProbeShares => Rows.Sum(r => r.ScorecardsWithoutProbeShares);

    public int Scorecards => Rows.Sum(r => r.Scorecards);

    public CoverageBasis Basis =>
        ScorecardsWithoutProbeShares == 0 ? CoverageBasis.ProbeShares
        : ScorecardsWithoutProbeShares == Scorecards ? CoverageBasis.RatedCompetencies
        : CoverageBasis.Mixed;

    public static CoverageMatrix From(CalibrationData data)
    {
        var competencies = data.CompetencyIds.Count;
        var probed = new double[data.InterviewerIds.Count, competencies];
        var blueprint = new double[data.InterviewerIds.Count, competencies];
        var scorecards = new int[data.InterviewerIds.Count];
        var fallbacks = new int[data.InterviewerIds.Count];
        foreach (var card in data.Scorecards)
        {
            var j = card.Interviewer;
            scorecards[j]++;
            if (card.ProbeShares.Count > 0)
            {
                foreach (var (c, share) in card.ProbeShares)
                {
                    probed[j, c] += share;
                }
            }
            else
            {
                fallbacks[j]++;
                // Nothing rated (every competency "not assessed"): the listed competencies were at least on the card.
                var basis = card.RatedCompetencies.Count > 0 ? card.RatedCompetencies : card.ListedCompetencies;
                foreach (var c in basis)
                {
                    probed[j, c] += 1.0 / basis.Count;
                }
            }

            var weights = data.Blueprints[card.Type];
            for (var c = 0; c < competencies; c++)
            {
                blueprint[j, c] += weights[c];
            }
        }

        var rows = new List<CoverageRow>(data.InterviewerIds.Count);
        for (var j = 0; j < data.InterviewerIds.Count; j++)
        {
            var n = scorecards[j];
            var cells = new CoverageCell[competencies];
            for (var c = 0; c < competencies; c++)
            {
                cells[c] = new CoverageCell(data.CompetencyIds[c], n == 0 ? 0 : probed[j, c] / n, n == 0 ? 0 : blueprint[j, c] / n);
            }

            rows.Add(new CoverageRow(data.InterviewerIds[j], n, fallbacks[j], cells));
        }

        return new CoverageMatrix(data.CompetencyIds, rows);
    }
}

/// <summary>One interviewer's row; <see cref="Cells"/> are in the order of <see cref="CoverageMatrix.Competencies"/>.</summary>
public sealed record CoverageRow(string InterviewerId, int Scorecards, int ScorecardsWithoutProbeShares, IReadOnlyList<CoverageCell> Cells);

/// <summary>Mean probed share and mean blueprint share of one competency over one interviewer's scorecards.</summary>
public sealed record CoverageCell(string Competency, double ProbedShare, double BlueprintShare)
{
    /// <summary>Probed minus blueprint share: positive = probed more than the blueprint asks.</summary>
    public double Gap => ProbedShare - BlueprintShare;

    /// <summary>Neither in the blueprint of the interviewer's types nor ever probed by them.</summary>
    public bool NotApplicable => ProbedShare == 0 && BlueprintShare == 0;
}
