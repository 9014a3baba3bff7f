using System.Security.Cryptography;
using System.Text;

namespace Storefront.Domain.Experiments;

/// <summary>A variant's share of the traffic that is not held out.</summary>
public sealed record VariantWeight(long VariantId, int Weight);

/// <summary>
/// Which arm of an experiment a customer is in: the holdout (no offer) or one variant. Decided by a hash of the
/// experiment and the customer, so the answer is the same on every page, tab, reload and instance without being
/// stored first, and a customer's arm in one experiment says nothing about their arm in another.
/// </summary>
public static class ExperimentAssignment
{
    /// <summary>The holdout is decided to a hundredth of a percent.</summary>
    private const int Buckets = 10_000;

    /// <returns>The variant's id, or null when the customer is in the holdout.</returns>
    public static long? Assign(long experimentId, string customerId, int holdoutPercent, IReadOnlyList<VariantWeight> variants)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(holdoutPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(holdoutPercent, 100);
        if (Bucket(experimentId, customerId, "holdout", Buckets) < holdoutPercent * (Buckets / 100))
        {
            return null;
        }

        var total = variants.Sum(v => v.Weight);
        if (total <= 0)
        {
            return null; // nothing to show: the same as holding out
        }

        // A second, independent hash splits the rest by weight, so changing the holdout never moves anyone between variants.
        var point = Bucket(experimentId, customerId, "variant", total);
        foreach (var variant in variants.Where(v => v.Weight > 0))
        {
            if (point < variant.Weight)
            {
                return variant.VariantId;
            }

            point -= variant.Weight;
        }

        throw new InvalidOperationException("Unreachable: the point lies below the total weight.");
    }

    private static long Bucket(long experimentId, string customerId, string purpose, long size)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{experimentId}:{customerId}:{purpose}"));
        return (long)(BitConverter.ToUInt64(hash, 0) % (ulong)size);
    }
}
