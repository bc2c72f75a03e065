using System.Globalization;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>Per interviewer and interview type: blueprint coverage, evenness and fixation (docs/calibration-method.md §4.7).</summary>
public sealed record CoverageProfile(int Interviewer, int Type, int Scorecards, double MeanCoverage, double? MeanEvenness, int FixedCompetency, double Fixation, double PCoverage, double? PEvenness, double PeerMedianCoverage, double? PeerMedianEvenness)
{
    /// <summary>SE of the interviewer's share of rated blueprint competencies under the peers' rate and overdispersion (beta-binomial).</summary>
    public double CoverageSe { get; init; } = double.NaN;
}

/// <summary>Narrow coverage and the full cog-in-a-machine pattern (§4.7).</summary>
public static class CoverageDetectors
{
    public static List<CoverageProfile> Profiles(DetectorContext ctx)
    {
        var data = ctx.Data;
        var nt = data.TypeIds.Count;
        var profiles = new List<CoverageProfile>();
        var perScorecard = data.Scorecards.Select(s => Describe(data, s)).ToArray();
        for (var t = 0; t < nt; t++)
        {
            var type = t;
            var blueprint = data.Blueprints[t];
            var kT = blueprint.Count(w => w > 0);
            if (kT < 2)
            {
                continue;
            }

            var raters = data.Scorecards.Where(s => s.Type == type).Select(s => s.Interviewer).Distinct().OrderBy(j => j).ToArray();
            var counts = raters.ToDictionary(j => j, j => ctx.ScorecardsOf[j].Where(s => data.Scorecards[s].Type == type).ToArray());
            var xn = raters.ToDictionary(j => j, j => (X: counts[j].Sum(s => perScorecard[s].Rated), N: counts[j].Length * kT));
            var allX = xn.Values.Sum(v => v.X);
            var allN = xn.Values.Sum(v => v.N);
            var rho = Discrete.MomentsRho(xn.Values.Select(v => (v.X, v.N)).ToArray(), allN > 0 ? allX / (double)allN : 0);
            var typeCards = data.Scorecards.Select((s, i) => (s, i)).Where(p => p.s.Type == type).Select(p => p.i).ToArray();
            var medianCoverage = Probability.Median(typeCards.Select(s => perScorecard[s].Coverage));
            var evennessPool = new SortedPool(typeCards.Select(s => perScorecard[s].Evenness).OfType<double>());
            foreach (var j in raters)
            {
                var mine = counts[j];
                if (mine.Length < ctx.Config.Eligibility.CoverageMinScorecards)
                {
                    var missing = SeverityDetector.Shortfall((mine.Length, ctx.Config.Eligibility.CoverageMinScorecards, $"scorecards of the type"));
                    ctx.Missing(DetectorNames.NarrowCoverage, j, missing, data.TypeIds[t]);
                    ctx.Missing(DetectorNames.CogInAMachine, j, missing, data.TypeIds[t]);
                    continue;
                }

                var peerX = allX - xn[j].X;
                var peerN = allN - xn[j].N;
                if (peerN <= 0)
                {
                    continue;
                }

                var pCov = Discrete.BetaBinomialLower(xn[j].X, xn[j].N, peerX / (double)peerN, rho);
                var meanCov = mine.Average(s => perScorecard[s].Coverage);
                var peerMedianCov = medianCoverage;
                var myJ = mine.Select(s => perScorecard[s].Evenness).OfType<double>().ToArray();
                double? meanJ = null, pJ = null, peerMedianJ = null;
                if (myJ.Length >= ctx.Config.Eligibility.CoverageMinScorecards && evennessPool.Count - myJ.Length >= ctx.Config.Eligibility.CoverageMinPeerScorecards)
                {
                    meanJ = myJ.Average();
                    pJ = SortedPool.LessThanOthers(myJ, [evennessPool]);
                    peerMedianJ = evennessPool.Median;
                }

                var tops = mine.Select(s => perScorecard[s].Top).Where(c => c >= 0).ToArray();
                var fixedComp = -1;
                var fixation = 0.0;
                if (tops.Length > 0)
                {
                    var best = tops.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
                    fixedComp = best.Key;
                    fixation = best.Count() / (double)mine.Length;
                }

                var peerRate = peerX / (double)peerN;
                var trials = xn[j].N;
                profiles.Add(new CoverageProfile(j, t, mine.Length, meanCov, meanJ, fixedComp, fixation, pCov, pJ, peerMedianCov, peerMedianJ)
                {
                    CoverageSe = Math.Sqrt(peerRate * (1 - peerRate) * (1 + ((trials - 1) * rho)) / trials),
                });
            }
        }

        return profiles;
    }

    public static IEnumerable<DetectorTest> NarrowCoverage(DetectorContext ctx, IEnumerable<CoverageProfile> profiles)
    {
        var pr = ctx.Config.Practical;
        foreach (var c in profiles)
        {
            var p = c.PEvenness is { } pe ? Math.Min(1, 2 * Math.Min(c.PCoverage, pe)) : c.PCoverage;
            var unevenPractical = c.MeanEvenness is { } mj && c.PeerMedianEvenness is { } pmj && mj <= pr.EvennessJ && pmj >= pr.PeerEvennessJ;
            var coveragePractical = c.MeanCoverage <= c.PeerMedianCoverage - pr.CoverageGap;
            var evenText = c.MeanEvenness is { } m ? string.Create(CultureInfo.InvariantCulture, $"; probe evenness {m:0.00} (peer median {c.PeerMedianEvenness:0.00})") : "";
            var reason = string.Create(CultureInfo.InvariantCulture, $"In '{ctx.Data.TypeIds[c.Type]}' interviews covers {c.MeanCoverage:P0} of the blueprint on average (peer median {c.PeerMedianCoverage:P0}) over {c.Scorecards} scorecards{evenText}.");
            var se = c.CoverageSe;
            var tails = c.PEvenness is null ? 1 : 2;
            var powerZ = ctx.PowerZ;
            yield return new DetectorTest(DetectorNames.NarrowCoverage, c.Interviewer, "narrow", c.MeanCoverage, "blueprint coverage", p, unevenPractical || coveragePractical, reason, c.Scorecards, Scope: ctx.Data.TypeIds[c.Type])
            {
                // The coverage test (one-sided, Bonferroni with the evenness test when there are probe shares), normal approximation.
                Detectable = double.IsFinite(se) && se > 0
                    ? new Detectable(alpha => Math.Max(pr.CoverageGap, (DetectorContext.CriticalZ(alpha, tails) + powerZ) * se), "blueprint coverage below the peers'", "a coverage gap", string.Create(CultureInfo.InvariantCulture, $"{c.Scorecards} scorecards"))
                    : null,
            };
        }
    }

    /// <summary>
    /// The cog pattern for profiles whose narrow-coverage test was flagged: fixation ≥ 0.6 on one competency c*, and either
    /// narrow harshness (the interviewer's c* ratings are lower than an average interviewer would give the same candidates:
    /// a bias term with the interviewer's own severity set to the facet mean, because with narrow coverage the interviewer's
    /// overall severity is made almost entirely of c* ratings) significant after BH with |Obs−Exp| ≥ 0.3 points, or driver
    /// dominance (correlation of the recommendation with the c* rating) above the peers' 90th percentile.
    /// </summary>
    public static IEnumerable<DetectorTest> Cog(DetectorContext ctx, IEnumerable<CoverageProfile> profiles, ISet<(int Interviewer, string Type)> narrowFlagged)
    {
        var data = ctx.Data;
        var pr = ctx.Config.Practical;
        foreach (var c in profiles)
        {
            // Only profiles that meet the pattern's prerequisites are tested (the family is the eligible interviewers).
            if (c.FixedCompetency < 0 || !narrowFlagged.Contains((c.Interviewer, data.TypeIds[c.Type])) || c.Fixation < pr.Fixation)
            {
                ctx.NotEnough.Add(new NotEnoughData(DetectorNames.CogInAMachine, c.Interviewer, data.TypeIds[c.Type], string.Create(CultureInfo.InvariantCulture, $"the pattern needs narrow coverage flagged and fixation of at least {pr.Fixation:P0} on one competency (narrow coverage {(narrowFlagged.Contains((c.Interviewer, data.TypeIds[c.Type])) ? "flagged" : "not flagged")}, fixation {c.Fixation:P0})")) { PrerequisiteNotMet = true });
                continue;
            }

            var f = ctx.Models.RaterFit[c.Interviewer];
            if (f < 0)
            {
                ctx.Missing(DetectorNames.CogInAMachine, c.Interviewer, FitDetectors.NotModelled(ctx), data.TypeIds[c.Type]);
                continue;
            }

            var cf = ctx.Models.Fits[f];
            var d = cf.Data;
            var local = ctx.Models.RaterLocal[c.Interviewer];
            var cells = new List<int>();
            for (var o = 0; o < d.Count; o++)
            {
                if (d.Rater[o] == local && d.CompetencyGlobal[d.Competency[o]] == c.FixedCompetency && d.TypeGlobal[d.Type[o]] == c.Type && !cf.Jmle.CandidateExtreme[d.Candidate[o]])
                {
                    cells.Add(o);
                }
            }

            if (cells.Count < ctx.Config.Eligibility.CogMinFixatedRatings)
            {
                ctx.Missing(DetectorNames.CogInAMachine, c.Interviewer, SeverityDetector.Shortfall((cells.Count, ctx.Config.Eligibility.CogMinFixatedRatings, "ratings of the fixated competency")), data.TypeIds[c.Type]);
                continue;
            }

            var harsh = BiasAgainstAverage(d, cf.Jmle, cells);
            var pHarsh = harsh.Bias > 0 ? Probability.UpperStudentP(harsh.T, harsh.Df) : 1;
            var driver = DriverCorrelation(ctx, c.Interviewer, c.Type, c.FixedCompetency);
            var peerDrivers = data.Scorecards.Where(s => s.Type == c.Type && s.Interviewer != c.Interviewer).Select(s => s.Interviewer).Distinct()
                .Select(j => DriverCorrelation(ctx, j, c.Type, c.FixedCompetency)).Where(double.IsFinite).OrderBy(v => v).ToArray();
            var driverDominant = double.IsFinite(driver) && peerDrivers.Length >= ctx.Config.Eligibility.CogMinPeerInterviewers && driver > Probability.Percentile(peerDrivers, pr.DriverDominancePercentile);
            var prerequisite = narrowFlagged.Contains((c.Interviewer, data.TypeIds[c.Type])) && c.Fixation >= pr.Fixation;
            var reason = string.Create(CultureInfo.InvariantCulture, $"In '{data.TypeIds[c.Type]}' interviews: covers {c.MeanCoverage:P0} of the blueprint, the top topic is '{data.CompetencyIds[c.FixedCompetency]}' in {c.Fixation:P0} of {c.Scorecards} scorecards, rates it {Math.Abs(harsh.ObsExpAverage):0.00} points {(harsh.ObsExpAverage < 0 ? "below" : "above")} what an average interviewer would give the same candidates (bias {harsh.Bias:+0.00;-0.00;0.00} logits), and the recommendation follows that rating (correlation {driver:0.00}{(driverDominant ? ", above the peers' 90th percentile" : "")}).");
            var se = harsh.Se;
            var powerZ = ctx.PowerZ;
            yield return new DetectorTest(DetectorNames.CogInAMachine, c.Interviewer, $"fixated:{data.CompetencyIds[c.FixedCompetency]}", harsh.Bias, "logit", pHarsh, harsh.Bias > 0 && Math.Abs(harsh.ObsExpAverage) >= pr.BiasObsExpPoints, reason, cells.Count, Scope: data.TypeIds[c.Type])
            {
                Prerequisite = prerequisite,
                FlagWithoutSignificance = prerequisite && driverDominant,
                Detectable = double.IsFinite(se) && se > 0
                    ? new Detectable(alpha => (DetectorContext.CriticalZ(alpha, 1) + powerZ) * se, "logit", "a narrow harshness on the fixated competency", string.Create(CultureInfo.InvariantCulture, $"{cells.Count} ratings of it"))
                    : null,
            };
        }
    }

    private static BiasTerm BiasAgainstAverage(FacetData d, JmleResult fit, List<int> cells)
    {
        // Same as a §1.6 bias term, but with the interviewer's own severity replaced by the facet mean (0).
        var shifted = fit with { Severity = fit.Severity.Select(_ => 0.0).ToArray() };
        return BiasAnalysis.Cell(d, shifted, cells);
    }

    private static double DriverCorrelation(DetectorContext ctx, int interviewer, int type, int competency)
    {
        var data = ctx.Data;
        var pairs = new List<(double Rec, double X)>();
        foreach (var s in ctx.ScorecardsOf[interviewer])
        {
            var card = data.Scorecards[s];
            if (card.Type != type || card.Recommendation is null)
            {
                continue;
            }

            foreach (var o in ctx.ObservationsOfScorecard[s])
            {
                if (data.Observations[o].Competency == competency)
                {
                    pairs.Add(((int)card.Recommendation.Value, data.Observations[o].Category));
                }
            }
        }

        if (pairs.Count < ctx.Config.Eligibility.CoverageMinScorecards)
        {
            return double.NaN;
        }

        var mr = pairs.Average(p => p.Rec);
        var mx = pairs.Average(p => p.X);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (r, x) in pairs)
        {
            sxy += (r - mr) * (x - mx);
            sxx += (x - mx) * (x - mx);
            syy += (r - mr) * (r - mr);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    private static (int Rated, double Coverage, double? Evenness, int Top) Describe(CalibrationData data, Scorecard s)
    {
        var w = data.Blueprints[s.Type];
        var rated = 0;
        var coverage = 0.0;
        foreach (var c in s.RatedCompetencies)
        {
            if (w[c] > 0)
            {
                rated++;
                coverage += w[c];
            }
        }

        double? evenness = null;
        var top = -1;
        var k = w.Count(v => v > 0);
        var shares = s.ProbeShares.Where(kv => w[kv.Key] > 0 && kv.Value > 0).ToArray();
        var total = shares.Sum(kv => kv.Value);
        if (total > 0 && k >= 2)
        {
            var h = 0.0;
            foreach (var (_, v) in shares)
            {
                var p = v / total;
                h -= p * Math.Log(p);
            }

            evenness = h / Math.Log(k);
            top = shares.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        }
        else if (s.RatedCompetencies.Count == 1)
        {
            top = s.RatedCompetencies[0];
        }

        return (rated, coverage, evenness, top);
    }
}
