using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Simulation;
using Xunit;

namespace HiringPlatform.Calibration.Tests.Dashboard;

public class CoverageMatrixTests
{
    private const string Blueprints = """
        interview_type,competency,weight
        coding,algorithms,0.5
        coding,maintainable-code,0.3
        coding,communication,0.2
        system-design,distributed-systems,0.6
        system-design,communication,0.4

        """;

    // alice: two coding interviews with probe shares.
    // bob: one coding interview with probe shares, one system-design interview without (both competencies rated).
    // carol: one system-design interview without probe shares, communication listed but not assessed.
    private const string Ratings = """
        candidate_id,interviewer_id,interview_id,interview_type,competency,rating,probe_share
        c1,alice,i1,coding,algorithms,3,0.8
        c1,alice,i1,coding,maintainable-code,2,0.1
        c1,alice,i1,coding,communication,3,0.1
        c2,alice,i2,coding,algorithms,2,0.6
        c2,alice,i2,coding,maintainable-code,3,0.2
        c2,alice,i2,coding,communication,3,0.2
        c1,bob,i3,coding,algorithms,3,0.5
        c1,bob,i3,coding,maintainable-code,3,0.3
        c1,bob,i3,coding,communication,4,0.2
        c2,bob,i4,system-design,distributed-systems,2,
        c2,bob,i4,system-design,communication,3,
        c3,carol,i5,system-design,distributed-systems,1,
        c3,carol,i5,system-design,communication,,

        """;

    private static CoverageMatrix Matrix() =>
        CoverageMatrix.From(CalibrationImporter.Import(new CsvSource("ratings.csv", Ratings), null, new CsvSource("blueprints.csv", Blueprints), RatingScale.Default));

    private static CoverageCell Cell(CoverageMatrix matrix, string interviewer, string competency) =>
        matrix.Rows.Single(r => r.InterviewerId == interviewer).Cells.Single(c => c.Competency == competency);

    [Fact]
    public void Probed_and_blueprint_shares_are_means_over_the_interviewers_scorecards()
    {
        var m = Matrix();

        Assert.Equal(["algorithms", "communication", "distributed-systems", "maintainable-code"], m.Competencies);
        Assert.Equal(["alice", "bob", "carol"], m.Rows.Select(r => r.InterviewerId));
        var alice = m.Rows[0];
        Assert.Equal(2, alice.Scorecards);
        Assert.Equal(0, alice.ScorecardsWithoutProbeShares);
        Assert.Equal(["algorithms", "communication", "distributed-systems", "maintainable-code"], alice.Cells.Select(c => c.Competency));
        Assert.Equal(0.7, Cell(m, "alice", "algorithms").ProbedShare, 12);    // (0.8 + 0.6) / 2
        Assert.Equal(0.5, Cell(m, "alice", "algorithms").BlueprintShare, 12);
        Assert.Equal(0.2, Cell(m, "alice", "algorithms").Gap, 12);
        Assert.Equal(0.15, Cell(m, "alice", "maintainable-code").ProbedShare, 12); // (0.1 + 0.2) / 2
        Assert.Equal(0.3, Cell(m, "alice", "maintainable-code").BlueprintShare, 12);
        Assert.Equal(0.15, Cell(m, "alice", "communication").ProbedShare, 12);
        Assert.Equal(0.2, Cell(m, "alice", "communication").BlueprintShare, 12);
        Assert.True(Cell(m, "alice", "distributed-systems").NotApplicable);
    }

    [Fact]
    public void Scorecards_without_probe_shares_count_their_rated_competencies_equally_and_the_matrix_says_so()
    {
        var m = Matrix();

        // bob: coding with shares (0.5, 0.3, 0.2), system-design without: its two rated competencies get 0.5 each.
        Assert.Equal(1, m.Rows[1].ScorecardsWithoutProbeShares);
        Assert.Equal(0.25, Cell(m, "bob", "algorithms").ProbedShare, 12);
        Assert.Equal(0.25, Cell(m, "bob", "algorithms").BlueprintShare, 12);       // (0.5 + 0) / 2
        Assert.Equal(0.35, Cell(m, "bob", "communication").ProbedShare, 12);       // (0.2 + 0.5) / 2
        Assert.Equal(0.3, Cell(m, "bob", "communication").BlueprintShare, 12);     // (0.2 + 0.4) / 2
        Assert.Equal(0.25, Cell(m, "bob", "distributed-systems").ProbedShare, 12); // (0 + 0.5) / 2
        Assert.Equal(0.3, Cell(m, "bob", "distributed-systems").BlueprintShare, 12);
        // carol rated only distributed-systems (communication not assessed): all of the interview counts for it.
        Assert.Equal(1.0, Cell(m, "carol", "distributed-systems").ProbedShare, 12);
        Assert.Equal(0.0, Cell(m, "carol", "communication").ProbedShare, 12);
        Assert.Equal(0.4, Cell(m, "carol", "communication").BlueprintShare, 12);
        Assert.Equal(2, m.ScorecardsWithoutProbeShares);
        Assert.Equal(5, m.Scorecards);
        Assert.Equal(CoverageBasis.Mixed, m.Basis);
    }

    [Fact]
    public void Without_any_probe_shares_the_basis_is_the_rated_competencies()
    {
        var ratings = string.Join('\n', Ratings.Split('\n').Select(line => line.Length == 0 ? line : line[..line.LastIndexOf(',')]));
        var m = CoverageMatrix.From(CalibrationImporter.Import(new CsvSource("ratings.csv", ratings), null, new CsvSource("blueprints.csv", Blueprints), RatingScale.Default));

        Assert.Equal(CoverageBasis.RatedCompetencies, m.Basis);
        Assert.Equal(1.0 / 3, Cell(m, "alice", "algorithms").ProbedShare, 12);
    }

    [Fact]
    public void The_planted_cog_probes_its_fixated_competency_far_above_its_blueprint_share()
    {
        var season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 200, Interviewers = 20, Seed = 5 });
        var m = CoverageMatrix.From(season.Import());
        var cog = season.Planted.Single(p => p.Kind == PlantedKinds.Cog);
        var fixated = cog.Detail[(cog.Detail.LastIndexOf(' ') + 1)..];

        var cell = Cell(m, cog.InterviewerId, fixated);
        Assert.InRange(cell.ProbedShare, 0.79, 0.81);
        Assert.True(cell.Gap >= 0.3, $"gap {cell.Gap}");
        Assert.Equal(CoverageBasis.ProbeShares, m.Basis);
        // Everyone else stays near their blueprint.
        Assert.All(m.Rows.Where(r => r.InterviewerId != cog.InterviewerId).SelectMany(r => r.Cells), c => Assert.InRange(c.Gap, -0.15, 0.15));
    }
}
