namespace HiringPlatform.Calibration.Engine.Reliability;

/// <summary>Shrout-Fleiss / McGraw-Wong intraclass correlations of a complete targets x raters matrix (docs/calibration-method.md §3.1).</summary>
public sealed record IccForms(double Icc1, double Icc2, double Icc3, double Icc1k, double Icc2k, double Icc3k, double Msb, double Msw, double Msj, double Mse, int Targets, int Raters)
{
    public static IccForms FromComplete(double[,] x)
    {
        int n = x.GetLength(0), k = x.GetLength(1);
        double grand = 0;
        var rowMean = new double[n];
        var colMean = new double[k];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < k; j++)
            {
                grand += x[i, j];
                rowMean[i] += x[i, j] / k;
                colMean[j] += x[i, j] / n;
            }
        }

        grand /= n * k;
        double ssb = 0, ssj = 0, sst = 0;
        for (var i = 0; i < n; i++)
        {
            ssb += k * (rowMean[i] - grand) * (rowMean[i] - grand);
        }

        for (var j = 0; j < k; j++)
        {
            ssj += n * (colMean[j] - grand) * (colMean[j] - grand);
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < k; j++)
            {
                sst += (x[i, j] - grand) * (x[i, j] - grand);
            }
        }

        var ssw = sst - ssb;
        var sse = ssw - ssj;
        var msb = ssb / (n - 1);
        var msw = ssw / (n * (k - 1));
        var msj = ssj / (k - 1);
        var mse = sse / ((n - 1) * (k - 1));
        return new IccForms(
            (msb - msw) / (msb + ((k - 1) * msw)),
            (msb - mse) / (msb + ((k - 1) * mse) + (k * (msj - mse) / n)),
            (msb - mse) / (msb + ((k - 1) * mse)),
            (msb - msw) / msb,
            (msb - mse) / (msb + ((msj - mse) / n)),
            (msb - mse) / msb,
            msb,
            msw,
            msj,
            mse,
            n,
            k);
    }
}

/// <summary>One-way ICC(1) for unbalanced data: targets with k_i ≥ 1 ratings each, k0 = (N − Σk_i²/N)/(n − 1).</summary>
public sealed record OneWayIcc(double Icc1, double Msb, double Msw, double K0, int Targets, int Ratings)
{
    public static OneWayIcc From(IReadOnlyList<IReadOnlyList<double>> targets)
    {
        var used = targets.Where(t => t.Count >= 1).ToArray();
        var n = used.Length;
        var total = used.Sum(t => t.Count);
        if (n < 2 || total <= n)
        {
            return new OneWayIcc(double.NaN, double.NaN, double.NaN, double.NaN, n, total);
        }

        var grand = used.Sum(t => t.Sum()) / total;
        double ssb = 0, ssw = 0, sumK2 = 0;
        foreach (var t in used)
        {
            var m = t.Average();
            ssb += t.Count * (m - grand) * (m - grand);
            foreach (var v in t)
            {
                ssw += (v - m) * (v - m);
            }

            sumK2 += (double)t.Count * t.Count;
        }

        var msb = ssb / (n - 1);
        var msw = ssw / (total - n);
        var k0 = (total - (sumK2 / total)) / (n - 1);
        return new OneWayIcc((msb - msw) / (msb + ((k0 - 1) * msw)), msb, msw, k0, n, total);
    }
}
