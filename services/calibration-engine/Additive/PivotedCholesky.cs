namespace HiringPlatform.Calibration.Engine.Additive;

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
            var d = l[rowJ + j];
            for (var k = 0; k < j; k++)
            {
                d -= l[rowJ + k] * l[rowJ + k];
            }

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
                var s = l[rowI + j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[rowI + k] * l[rowJ + k];
                }

                l[rowI + j] = s / djj;
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

            var s = rhs[i];
            var row = i * n;
            for (var k = 0; k < i; k++)
            {
                s -= _l[row + k] * y[k];
            }

            y[i] = s / _l[row + i];
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
                var s = 0.0;
                for (var k = j; k < i; k++)
                {
                    s -= _l[row + k] * z[k];
                }

                z[i] = s / _l[row + i];
                sum += z[i] * z[i];
            }

            diag[j] = sum;
        }

        return diag;
    }
}
