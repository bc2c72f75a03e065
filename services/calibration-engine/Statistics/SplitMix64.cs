namespace HiringPlatform.Calibration.Engine.Statistics;

/// <summary>A small, seedable, platform-independent random generator (SplitMix64), so that simulations and bootstraps are reproducible byte for byte.</summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;
    private double? _spareNormal;

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public int NextInt(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        return u * f;
    }

    public int Categorical(ReadOnlySpan<double> probabilities)
    {
        var u = NextDouble();
        var acc = 0.0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            acc += probabilities[k];
            if (u < acc)
            {
                return k;
            }
        }

        return probabilities.Length - 1;
    }
}
