namespace HiringPlatform.Calibration.Engine.Additive;

using System.Numerics;

/// <summary>
/// Cholesky factorisation of a symmetric positive semi-definite matrix (row-major, n x n) that grounds every variable whose
/// pivot vanishes (sets it to zero), so the factor is that of the largest full-rank leading subsystem in the given order.
/// </summary>
public sealed class PivotedCholesky
{
    private readonly double[] _l;
    private readonly int _n;

    private PivotedCholesky(double[] l, int n, bool[] grounded)
    {
        _l = l;
        _n = n;
        Grounded = grounded;
    }

    public bool[] Grounded { get; }

    public static PivotedCholesky Factor(double[] matrix, int n)
    {
        var l = (double[])matrix.Clone();
        var grounded = new bool[n];
        var maxDiag = 0.0;
        for (var i = 0; i < n; i++)
        {
            maxDiag = Math.Max(maxDiag, Math.Abs(l[(i * n) + i]));
        }

        var tol = Math.Max(1e-300, maxDiag * 1e-10);
        for (var j = 0; j < n; j++)
        {
            var rowJ = j * n;
            var d = l[rowJ + j] - Dot(l.AsSpan(rowJ, j), l.AsSpan(rowJ, j));

            if (d <= tol)
            {
                grounded[j] = true;
                for (var k = 0; k < j; k++)
                {
                    l[rowJ + k] = 0;
                }

                l[rowJ + j] = 1;
                for (var i = j + 1; i < n; i++)
                {
                    l[(i * n) + j] = 0;
                }

                continue;
            }

            var djj = Math.Sqrt(d);
            l[rowJ + j] = djj;
            for (var i = j + 1; i < n; i++)
            {
                var rowI = i * n;
                l[rowI + j] = (l[rowI + j] - Dot(l.AsSpan(rowI, j), l.AsSpan(rowJ, j))) / djj;
            }
        }

        // Clear the upper triangle so that the factor is lower triangular.
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                l[(i * n) + j] = 0;
            }
        }

        return new PivotedCholesky(l, n, grounded);
    }

    /// <summary>Solves the grounded system; grounded variables are zero.</summary>
    public double[] Solve(double[] rhs)
    {
        var n = _n;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (Grounded[i])
            {
                continue;
            }

            var row = i * n;
            y[i] = (rhs[i] - Dot(_l.AsSpan(row, i), y.AsSpan(0, i))) / _l[row + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            if (Grounded[i])
            {
                continue;
            }

            var s = y[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= _l[(k * n) + i] * x[k];
            }

            x[i] = s / _l[(i * n) + i];
        }

        return x;
    }

    /// <summary>Diagonal of the generalised inverse (zero for grounded variables): G_jj = Σ_i (L⁻¹)_ij².</summary>
    public double[] InverseDiagonal()
    {
        var n = _n;
        var diag = new double[n];

        // Column j of L⁻¹ solves L z = e_j (z_i = 0 for i < j); accumulate Σ z_i² by forward substitution.
        var z = new double[n];
        for (var j = 0; j < n; j++)
        {
            if (Grounded[j])
            {
                continue;
            }

            z[j] = 1 / _l[(j * n) + j];
            var sum = z[j] * z[j];
            for (var i = j + 1; i < n; i++)
            {
                if (Grounded[i])
                {
                    z[i] = 0;
                    continue;
                }

                var row = i * n;
                z[i] = -Dot(_l.AsSpan(row + j, i - j), z.AsSpan(j, i - j)) / _l[row + i];
                sum += z[i] * z[i];
            }

            diag[j] = sum;
        }

        return diag;
    }

    /// <summary>
    /// Σ a_k b_k over contiguous rows, a SIMD vector at a time with four sums side by side (the factorisation and the inverse
    /// diagonal are nearly all such products: O(n³) for n columns, 2,000 interviewers in one component).
    /// </summary>
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var width = Vector<double>.Count;
        var k = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && a.Length >= 4 * width)
        {
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; k <= a.Length - (4 * width); k += 4 * width)
            {
                s0 += new Vector<double>(a[k..]) * new Vector<double>(b[k..]);
                s1 += new Vector<double>(a[(k + width)..]) * new Vector<double>(b[(k + width)..]);
                s2 += new Vector<double>(a[(k + (2 * width))..]) * new Vector<double>(b[(k + (2 * width))..]);
                s3 += new Vector<double>(a[(k + (3 * width))..]) * new Vector<double>(b[(k + (3 * width))..]);
            }
            sum = Vector.Sum((s0 + s1) + (s2 + s3));
        }
        for (; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }
        return sum;
    }
}
