using HiringPlatform.Calibration.Engine.Import;

namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>
/// The observations of one connected component with compact local indices for the four facets
/// (candidates, interviewers, competencies, interview types) and categories 0..K.
/// </summary>
public sealed class FacetData
{
    public required int K { get; init; }

    public required int[] Candidate { get; init; }

    public required int[] Rater { get; init; }

    public required int[] Competency { get; init; }

    public required int[] Type { get; init; }

    public required int[] X { get; init; }

    /// <summary>Local to global index maps, in ascending (ordinal id) order.</summary>
    public required int[] CandidateGlobal { get; init; }

    public required int[] RaterGlobal { get; init; }

    public required int[] CompetencyGlobal { get; init; }

    public required int[] TypeGlobal { get; init; }

    /// <summary>Index of each local observation in <see cref="CalibrationData.Observations"/>.</summary>
    public required int[] ObservationGlobal { get; init; }

    public int Count => X.Length;

    public int CandidateCount => CandidateGlobal.Length;

    public int RaterCount => RaterGlobal.Length;

    public int CompetencyCount => CompetencyGlobal.Length;

    public int TypeCount => TypeGlobal.Length;

    /// <summary>Builds the facet data of the given observations (indices into data.Observations, ascending).</summary>
    public static FacetData From(CalibrationData data, IReadOnlyList<int> observationIndices)
    {
        var obs = data.Observations;
        int[] Compact(Func<Observation, int> key, int size, out int[] global)
        {
            var used = new bool[size];
            foreach (var i in observationIndices)
            {
                used[key(obs[i])] = true;
            }

            var map = new int[size];
            var list = new List<int>();
            for (var g = 0; g < size; g++)
            {
                map[g] = used[g] ? list.Count : -1;
                if (used[g])
                {
                    list.Add(g);
                }
            }

            global = [.. list];
            var local = new int[observationIndices.Count];
            for (var o = 0; o < local.Length; o++)
            {
                local[o] = map[key(obs[observationIndices[o]])];
            }

            return local;
        }

        var cand = Compact(o => o.Candidate, data.CandidateIds.Count, out var candGlobal);
        var rater = Compact(o => o.Interviewer, data.InterviewerIds.Count, out var raterGlobal);
        var comp = Compact(o => o.Competency, data.CompetencyIds.Count, out var compGlobal);
        var type = Compact(o => o.Type, data.TypeIds.Count, out var typeGlobal);
        var x = new int[observationIndices.Count];
        for (var o = 0; o < x.Length; o++)
        {
            x[o] = obs[observationIndices[o]].Category;
        }

        return new FacetData
        {
            K = data.Scale.K,
            Candidate = cand,
            Rater = rater,
            Competency = comp,
            Type = type,
            X = x,
            CandidateGlobal = candGlobal,
            RaterGlobal = raterGlobal,
            CompetencyGlobal = compGlobal,
            TypeGlobal = typeGlobal,
            ObservationGlobal = [.. observationIndices],
        };
    }
}
