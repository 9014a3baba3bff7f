namespace Storefront.Domain.Experiments;

/// <summary>What a variant's comparison with the holdout lets an owner say.</summary>
public enum ExperimentReading
{
    /// <summary>The variant or the holdout has fewer than two eligible orders: no interval yet.</summary>
    NotEnoughData,

    /// <summary>The interval includes zero: the variant may add nothing (or lose something).</summary>
    NotYetSignificant,

    /// <summary>The whole interval lies above zero.</summary>
    AddsRevenue,

    /// <summary>The whole interval lies below zero: showing the offer costs revenue.</summary>
    LosesRevenue,
}

public static class ExperimentReadings
{
    public static ExperimentReading Read(MeanDifference? comparison) =>
        comparison is null ? ExperimentReading.NotEnoughData
        : !comparison.IsSignificant ? ExperimentReading.NotYetSignificant
        : comparison.Difference > 0 ? ExperimentReading.AddsRevenue
        : ExperimentReading.LosesRevenue;
}
