using Storefront.Domain;
using Storefront.Domain.Experiments;

namespace Storefront.Web.Features.Admin.Experiments;

/// <summary>
/// One arm's figures in one currency. Revenue is everything the customer paid within the experiment's window after the
/// eligible order (the offer and any other purchase), less refunds.
/// </summary>
public sealed record ArmResult(
    string Name,
    long? VariantId,
    int EligibleOrders,
    int Impressions,
    int Accepts,
    int Conversions,
    Money Revenue,
    IReadOnlyList<long> RevenuePerOrder,
    MeanDifference? Incremental)
{
    public bool IsHoldout => VariantId is null;

    public double ConversionRate => Impressions == 0 ? 0 : (double)Conversions / Impressions;

    /// <summary>Mean revenue per eligible order, to the nearest minor unit.</summary>
    public Money RevenuePerEligibleOrder => new(EligibleOrders == 0 ? 0 : (long)Math.Round((double)Revenue.Minor / EligibleOrders, MidpointRounding.AwayFromZero), Revenue.Currency);

    public ExperimentReading Reading => ExperimentReadings.Read(Incremental);

    /// <summary>A fractional minor-unit figure of the comparison as money, to the nearest minor unit.</summary>
    public Money AsMoney(double minor) => new((long)Math.Round(minor, MidpointRounding.AwayFromZero), Revenue.Currency);
}

/// <summary>The arms of an experiment for the eligible orders made in one currency (amounts are never added across currencies).</summary>
public sealed record CurrencyResult(string Currency, IReadOnlyList<ArmResult> Arms);

public sealed record ExperimentReport(long ExperimentId, string Name, int RevenueWindowDays, IReadOnlyList<CurrencyResult> Currencies);
