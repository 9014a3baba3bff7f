namespace Storefront.Domain.Experiments;

/// <summary>The Student t distribution, enough of it for a two-sided confidence interval.</summary>
public static class StudentT
{
    /// <summary>The t value with <paramref name="probability"/> below it, for <paramref name="degreesOfFreedom"/> (may be fractional, as Welch's are).</summary>
    public static double Quantile(double probability, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(degreesOfFreedom, 0);
        if (probability is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), "Must lie strictly between 0 and 1.");
        }

        if (probability < 0.5)
        {
            return -Quantile(1 - probability, degreesOfFreedom);
        }

        // The CDF rises monotonically: bisect it. 200 halvings of [0, 1e6] are far below a cent's worth of precision.
        double low = 0, high = 1e6;
        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var middle = (low + high) / 2;
            if (Cdf(middle, degreesOfFreedom) < probability)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>P(T ≤ t) = 1 − ½·I_x(ν/2, ½) with x = ν/(ν+t²), for t ≥ 0.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        var x = degreesOfFreedom / (degreesOfFreedom + t * t);
        var tail = 0.5 * IncompleteBeta.Regularized(x, degreesOfFreedom / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }
}
