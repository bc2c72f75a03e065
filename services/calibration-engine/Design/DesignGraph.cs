using HiringPlatform.Calibration.Engine.Import;

namespace HiringPlatform.Calibration.Engine.Design;

/// <summary>
/// Connected components of the candidate-interviewer design (docs/calibration-method.md §1.8). Severities are identified only through
/// shared candidates: a shared competency or interview type does not link two interviewer groups that never saw the same
/// candidate (a shift of their candidates' abilities and their severities leaves every rating unchanged), so the graph joins
/// candidates and interviewers. Component ids are 1, 2, ... in the ordinal order of each component's first interviewer.
/// </summary>
public sealed record DesignComponents(
    int Count,
    IReadOnlyList<int> ComponentOfInterviewer,
    IReadOnlyList<int> ComponentOfCandidate,
    IReadOnlyList<int> LinkingCandidates,
    IReadOnlyList<int> CandidatesSeen,
    IReadOnlyList<int> InterviewersPerComponent,
    IReadOnlyList<int> CandidatesPerComponent,
    IReadOnlyList<int> RatingsPerComponent)
{
    /// <summary>Finds the components; every observation joins its candidate and interviewer.</summary>
    public static DesignComponents Find(CalibrationData data)
    {
        int nc = data.CandidateIds.Count, nr = data.InterviewerIds.Count;
        var uf = new UnionFind(nc + nr);
        foreach (var o in data.Observations)
        {
            uf.Union(o.Candidate, nc + o.Interviewer);
        }

        foreach (var s in data.Scorecards)
        {
            uf.Union(s.Candidate, nc + s.Interviewer);
        }

        var rootToId = new Dictionary<int, int>();
        var compOfRater = new int[nr];
        for (var j = 0; j < nr; j++)
        {
            var root = uf.Find(nc + j);
            if (!rootToId.TryGetValue(root, out var id))
            {
                rootToId[root] = id = rootToId.Count + 1;
            }

            compOfRater[j] = id;
        }

        var compOfCand = new int[nc];
        for (var n = 0; n < nc; n++)
        {
            compOfCand[n] = rootToId.TryGetValue(uf.Find(n), out var id) ? id : 0;
        }

        // Linking candidates: candidates an interviewer rated who were also rated by someone else.
        var ratersOfCandidate = new List<int>[nc];
        foreach (var o in data.Observations)
        {
            var list = ratersOfCandidate[o.Candidate] ??= [];
            if (!list.Contains(o.Interviewer))
            {
                list.Add(o.Interviewer);
            }
        }

        var linking = new int[nr];
        var seen = new int[nr];
        foreach (var list in ratersOfCandidate)
        {
            if (list is null)
            {
                continue;
            }

            foreach (var j in list)
            {
                seen[j]++;
                if (list.Count > 1)
                {
                    linking[j]++;
                }
            }
        }

        var count = rootToId.Count;
        var ratersPer = new int[count];
        var candsPer = new int[count];
        var ratingsPer = new int[count];
        foreach (var c in compOfRater)
        {
            ratersPer[c - 1]++;
        }

        foreach (var c in compOfCand)
        {
            if (c > 0)
            {
                candsPer[c - 1]++;
            }
        }

        foreach (var o in data.Observations)
        {
            ratingsPer[compOfRater[o.Interviewer] - 1]++;
        }

        return new DesignComponents(count, compOfRater, compOfCand, linking, seen, ratersPer, candsPer, ratingsPer);
    }

    private sealed class UnionFind
    {
        private readonly int[] _parent;
        private readonly int[] _rank;

        public UnionFind(int n)
        {
            _parent = new int[n];
            _rank = new int[n];
            for (var i = 0; i < n; i++)
            {
                _parent[i] = i;
            }
        }

        public int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }

            return x;
        }

        public void Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a == b)
            {
                return;
            }

            if (_rank[a] < _rank[b])
            {
                (a, b) = (b, a);
            }

            _parent[b] = a;
            if (_rank[a] == _rank[b])
            {
                _rank[a]++;
            }
        }
    }
}
