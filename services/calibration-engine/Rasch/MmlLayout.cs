namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>
/// What the MML E- and M-steps iterate over: the (rater, competency, type) combinations of a component (the steps only need
/// per-combination expected counts), each observation's combination, and the observations grouped by candidate. Tables per
/// combination, grid node and category are laid out as <c>((combination * nodes) + node) * categories + category</c>.
/// </summary>
internal sealed class MmlLayout
{
    private MmlLayout(FacetData data, int nodes, int[] observationCombo, int[] comboRater, int[] comboCompetency, int[] comboType, int[] candidateStart, int[] byCandidate)
    {
        Data = data;
        Nodes = nodes;
        ObservationCombo = observationCombo;
        ComboRater = comboRater;
        ComboCompetency = comboCompetency;
        ComboType = comboType;
        CandidateStart = candidateStart;
        ByCandidate = byCandidate;
        ComboObserved = new double[comboRater.Length];
        for (var o = 0; o < data.Count; o++)
        {
            ComboObserved[observationCombo[o]] += data.X[o];
        }
    }

    public FacetData Data { get; }

    public int Nodes { get; }

    public int Categories => Data.K + 1;

    public int ComboCount => ComboRater.Length;

    public int[] ObservationCombo { get; }

    public int[] ComboRater { get; }

    public int[] ComboCompetency { get; }

    public int[] ComboType { get; }

    /// <summary>Candidate n's observations are <c>ByCandidate[CandidateStart[n] .. CandidateStart[n + 1]]</c>.</summary>
    public int[] CandidateStart { get; }

    public int[] ByCandidate { get; }

    /// <summary>The sum of the observed categories per combination (fixed).</summary>
    public double[] ComboObserved { get; }

    public static MmlLayout Of(FacetData d, int nodes)
    {
        var comboOf = new Dictionary<long, int>();
        var obsCombo = new int[d.Count];
        var comboRater = new List<int>();
        var comboComp = new List<int>();
        var comboType = new List<int>();
        for (var o = 0; o < d.Count; o++)
        {
            var key = (((long)d.Rater[o] * d.CompetencyCount) + d.Competency[o]) * d.TypeCount + d.Type[o];
            if (!comboOf.TryGetValue(key, out var c))
            {
                comboOf[key] = c = comboRater.Count;
                comboRater.Add(d.Rater[o]);
                comboComp.Add(d.Competency[o]);
                comboType.Add(d.Type[o]);
            }

            obsCombo[o] = c;
        }

        var start = new int[d.CandidateCount + 1];
        foreach (var n in d.Candidate)
        {
            start[n + 1]++;
        }

        for (var n = 0; n < d.CandidateCount; n++)
        {
            start[n + 1] += start[n];
        }

        var order = new int[d.Count];
        var fill = (int[])start.Clone();
        for (var o = 0; o < d.Count; o++)
        {
            order[fill[d.Candidate[o]]++] = o;
        }

        return new MmlLayout(d, nodes, obsCombo, [.. comboRater], [.. comboComp], [.. comboType], start, order);
    }

    /// <summary>The start of the table row of (combination, node).</summary>
    public int Row(int combo, int node) => ((combo * Nodes) + node) * Categories;

    /// <summary>The combination's location offset α_j + δ_c + γ_t.</summary>
    public double Offset(int combo, MmlParameters p) => p.Alpha[ComboRater[combo]] + p.Delta[ComboCompetency[combo]] + p.Gamma[ComboType[combo]];

    /// <summary>
    /// Candidate n's posterior over the grid (normalised, into <paramref name="post"/>) from the log prior and the table of
    /// log P(x | node, combination); returns the log marginal likelihood of the candidate's ratings.
    /// </summary>
    public double Posterior(int n, double[] logPrior, double[] logP, double[] post)
    {
        int nq = Nodes, k1 = Categories;
        for (var q = 0; q < nq; q++)
        {
            post[q] = logPrior[q];
        }

        for (var i = CandidateStart[n]; i < CandidateStart[n + 1]; i++)
        {
            var o = ByCandidate[i];
            var baseIndex = ObservationCombo[o] * nq * k1;
            var x = Data.X[o];
            for (var q = 0; q < nq; q++)
            {
                post[q] += logP[baseIndex + (q * k1) + x];
            }
        }

        var max = double.NegativeInfinity;
        for (var q = 0; q < nq; q++)
        {
            max = Math.Max(max, post[q]);
        }

        var sum = 0.0;
        for (var q = 0; q < nq; q++)
        {
            post[q] = Math.Exp(post[q] - max);
            sum += post[q];
        }

        for (var q = 0; q < nq; q++)
        {
            post[q] /= sum;
        }

        return max + Math.Log(sum);
    }
}
