namespace Storefront.Domain.Experiments;

/// <summary>
/// How much a variant's mean differs from the holdout's, with its confidence interval (amounts in minor units, as
/// means need not be whole cents). <see cref="IsSignificant"/> when the interval does not include zero.
/// </summary>
public sealed record MeanDifference(double Difference, double Low, double High, double DegreesOfFreedom)
{
    public bool IsSignificant => Low > 0 || High < 0;
}

/// <summary>
/// Welch's two-sample comparison of means: it does not assume both groups vary alike, which revenue per order (mostly
/// zero, sometimes a purchase) never does. Difference d = x̄₁ − x̄₂, standard error √(s₁²/n₁ + s₂²/n₂), degrees of
/// freedom by Welch–Satterthwaite, interval d ± t(1 − α/2, ν)·se.
/// </summary>
public static class WelchInterval
{
    /// <summary>The fewest observations per group for a variance, and so an interval.</summary>
    public const int MinimumPerGroup = 2;

    /// <returns>Null when either group has fewer than <see cref="MinimumPerGroup"/> observations.</returns>
    public static MeanDifference? Compare(IReadOnlyList<long> treatment, IReadOnlyList<long> control, double confidence = 0.95)
    {
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), "Must lie strictly between 0 and 1.");
        }

        if (treatment.Count < MinimumPerGroup || control.Count < MinimumPerGroup)
        {
            return null;
        }

        var (mean1, variance1) = MeanAndVariance(treatment);
        var (mean2, variance2) = MeanAndVariance(control);
        var share1 = variance1 / treatment.Count;
        var share2 = variance2 / control.Count;
        var difference = mean1 - mean2;
        var standardError = Math.Sqrt(share1 + share2);
        if (standardError == 0)
        {
            // Every order in each group brought the same amount: the difference is exact.
            return new MeanDifference(difference, difference, difference, treatment.Count + control.Count - 2);
        }

        var degrees = (share1 + share2) * (share1 + share2)
            / (share1 * share1 / (treatment.Count - 1) + share2 * share2 / (control.Count - 1));
        var margin = StudentT.Quantile(1 - (1 - confidence) / 2, degrees) * standardError;
        return new MeanDifference(difference, difference - margin, difference + margin, degrees);
    }

    /// <summary>Mean and sample variance (divided by n − 1).</summary>
    private static (double Mean, double Variance) MeanAndVariance(IReadOnlyList<long> values)
    {
        var mean = values.Average(v => (double)v);
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return (mean, squares / (values.Count - 1));
    }
}
