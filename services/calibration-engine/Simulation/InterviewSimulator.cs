using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Simulation;

/// <summary>
/// Who rates: a planted kind (<see cref="PlantedKinds"/>, or null for an ordinary interviewer), the severity α in logits and,
/// for a cog, the competency it is fixated on.
/// </summary>
public sealed record SimulatedInterviewer(string? Kind, double Severity, string? CogCompetency = null);

/// <summary>
/// One interview's scorecard as the model draws it: a rating category (0 = the lowest) per rated competency (unrated ones
/// are absent), the share of time spent probing each blueprint competency (in blueprint order) and the recommendation
/// on the 0-3 scale (<see cref="InterviewSimulator.RecommendationName"/>).
/// </summary>
public sealed record SimulatedInterview(IReadOnlyDictionary<string, int> Ratings, IReadOnlyList<double> Shares, int Recommendation);

/// <summary>
/// One interview drawn from the many-facet rating-scale model (docs/calibration-method.md §1) with the planted behaviours of
/// <see cref="SeasonSimulator"/>: P(category k) ∝ exp Σ_{j≤k} (θ − α − δ − τ_j). Pure apart from the random generator it is
/// given, so a season (or the demo, one interview at a time through the gateway) is reproducible from its seed.
/// </summary>
public static class InterviewSimulator
{
    /// <summary>Competency difficulties δ: normal with standard deviation <paramref name="sd"/>, centred on 0, in the given order.</summary>
    public static Dictionary<string, double> Difficulties(IEnumerable<string> competencies, double sd, SplitMix64 rng)
    {
        var delta = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var competency in competencies)
        {
            delta[competency] = rng.NextNormal() * sd;
        }

        var mean = delta.Count == 0 ? 0 : delta.Values.Average();
        foreach (var key in delta.Keys.ToArray())
        {
            delta[key] -= mean;
        }

        return delta;
    }

    public static string RecommendationName(int recommendation) =>
        recommendation switch { 0 => "strong_no", 1 => "no", 2 => "yes", _ => "strong_yes" };

    /// <summary>
    /// The scorecard <paramref name="interviewer"/> gives a candidate of ability <paramref name="theta"/> (in group B when
    /// <paramref name="groupB"/>) in an interview with this blueprint. The options give the thresholds τ, the coverage rate
    /// and the planted effects; a cog behaves as one only when the blueprint holds its competency.
    /// </summary>
    public static SimulatedInterview Interview(SimulationOptions o, SimulatedInterviewer interviewer, double theta, bool groupB,
        IReadOnlyList<(string Competency, double Weight)> blueprint, IReadOnlyDictionary<string, double> difficulty, SplitMix64 rng)
    {
        var k = o.Thresholds.Count;
        var cum = RatingScaleModel.Cumulative([0, .. o.Thresholds]);
        var p = new double[k + 1];
        int Draw(double eta)
        {
            RatingScaleModel.Probabilities(eta, cum, p);
            return rng.Categorical(p);
        }

        var kind = interviewer.Kind;
        var alpha = interviewer.Severity;
        var cog = interviewer.CogCompetency;
        var isCog = kind == PlantedKinds.Cog && cog is not null && blueprint.Any(b => b.Competency == cog);
        double[] shares;
        if (isCog)
        {
            shares = blueprint.Select(x => x.Competency == cog ? o.CogProbeShare : (1 - o.CogProbeShare) / (blueprint.Count - 1)).ToArray();
        }
        else
        {
            var raw = blueprint.Select(x => x.Weight * Math.Exp(0.3 * rng.NextNormal())).ToArray();
            shares = raw.Select(v => v / raw.Sum()).ToArray();
        }

        var rated = new Dictionary<string, int>(StringComparer.Ordinal);
        var haloImpression = kind == PlantedKinds.Halo ? Draw(theta - alpha) : -1;
        foreach (var (comp, _) in blueprint)
        {
            var rate = isCog ? (comp == cog ? 1.0 : o.CogOtherCompetencyRate) : o.CoverageRate;
            if (rng.NextDouble() >= rate)
            {
                continue;
            }

            var eta = theta - alpha - difficulty[comp];
            if (kind == PlantedKinds.Drf && groupB)
            {
                eta -= o.DrfLogit;
            }

            if (isCog && comp == cog)
            {
                eta -= o.CogLogit;
            }

            int x;
            switch (kind)
            {
                case PlantedKinds.Halo:
                    x = haloImpression;
                    if (rng.NextDouble() < o.HaloNoise)
                    {
                        x = Math.Clamp(x + (rng.NextDouble() < 0.5 ? -1 : 1), 0, k);
                    }

                    break;
                case PlantedKinds.Central:
                    x = Math.Clamp(Draw(eta), 1, k - 1);
                    break;
                case PlantedKinds.Erratic when rng.NextDouble() < o.ErraticShare:
                    x = rng.NextInt(k + 1);
                    break;
                default:
                    x = Draw(eta);
                    break;
            }

            rated[comp] = x;
        }

        if (rated.Count == 0)
        {
            var first = blueprint[0].Competency;
            rated[first] = Draw(theta - alpha - difficulty[first]);
        }

        // Recommendation: from the interview's evidence, except for the planted cog and contrarian.
        int rec;
        if (kind == PlantedKinds.Contrarian)
        {
            rec = rng.NextInt(4);
        }
        else if (isCog && rated.TryGetValue(cog!, out var cx))
        {
            rec = Math.Clamp((int)Math.Round(cx * 3.0 / k), 0, 3);
        }
        else
        {
            var mean = rated.Values.Average() * 3.0 / k;
            rec = Math.Clamp((int)Math.Round(mean + (0.4 * rng.NextNormal())), 0, 3);
        }

        return new SimulatedInterview(rated, shares, rec);
    }
}
