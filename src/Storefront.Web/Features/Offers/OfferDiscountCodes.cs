using System.Security.Cryptography;
using System.Text;
using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Offers;
using Storefront.Web.Data;

namespace Storefront.Web.Features.Offers;

/// <summary>A discount code to send with a charge, and the percentage it takes off (for the order's expected amount).</summary>
public sealed record DiscountToRedeem(string Code, int Percent);

/// <summary>
/// The Dodo discount code for a percentage off a product: made once at Dodo (restricted to that product), then reused.
/// The code is derived from the product and percentage, so a creation whose answer was lost is found again by its
/// code instead of making a second one. Creating a code moves no money.
/// </summary>
public sealed class OfferDiscountCodes(IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, TimeProvider clock)
{
    /// <param name="cycles">For a subscription: how many billing cycles the discount lasts; 0 for a one-time charge.</param>
    public async Task<DiscountToRedeem> ForAsync(string dodoProductId, int percent, CancellationToken cancellationToken, int cycles = 0)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.OfferDiscountCodes.AsNoTracking().FirstOrDefaultAsync(c => c.DodoProductId == dodoProductId && c.Percent == percent && c.Cycles == cycles, cancellationToken) is { } known)
        {
            return new DiscountToRedeem(known.Code, percent);
        }

        var code = CodeFor(dodoProductId, percent, cycles);
        Discount? discount;
        try
        {
            discount = await dodo.CreateDiscountAsync(new CreateDiscountRequest
            {
                Amount = OfferDiscount.BasisPoints(percent), Code = code, RestrictedTo = [dodoProductId],
                Name = cycles == 0 ? $"Storefront offer: {percent}% off" : $"Storefront retention: {percent}% off for {cycles} bills",
                SubscriptionCycles = cycles == 0 ? null : cycles,
            }, cancellationToken);
        }
        catch (DodoApiException)
        {
            // Made by an earlier try (or another instance) whose answer we never saw: the code is taken, so find it.
            discount = await FindAtDodoAsync(code, cancellationToken);
            if (discount is null)
            {
                throw;
            }
        }

        db.OfferDiscountCodes.Add(new OfferDiscountCode
        {
            DodoProductId = dodoProductId, Percent = percent, Cycles = cycles, Code = discount.Code, DodoDiscountId = discount.DiscountId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request stored it at the same moment: the unique key kept one, and it is the same code.
        }

        return new DiscountToRedeem(discount.Code, percent);
    }

    /// <summary>The percentage a Dodo discount takes off, when it is one of the store's codes (else null: unknown to the store).</summary>
    public static Task<int?> PercentOfAsync(StorefrontDbContext db, string? dodoDiscountId, CancellationToken cancellationToken) =>
        dodoDiscountId is null
            ? Task.FromResult<int?>(null)
            : db.OfferDiscountCodes.AsNoTracking().Where(c => c.DodoDiscountId == dodoDiscountId).Select(c => (int?)c.Percent).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// "UP20" (an offer) or "ST20C3" (a subscription's 20% for 3 cycles) and up to ten characters from the product's
    /// hash, at most 16 in all: the same every time.
    /// </summary>
    public static string CodeFor(string dodoProductId, int percent, int cycles = 0)
    {
        var prefix = cycles == 0 ? $"UP{percent}" : $"ST{percent}C{cycles}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(dodoProductId));
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var suffix = new string(hash.Take(Math.Min(10, 16 - prefix.Length)).Select(b => Alphabet[b % Alphabet.Length]).ToArray());
        return prefix + suffix;
    }

    private async Task<Discount?> FindAtDodoAsync(string code, CancellationToken cancellationToken)
    {
        for (var page = 0; page < 50; page++)
        {
            var list = await dodo.ListDiscountsAsync(page, 100, cancellationToken);
            if (list.Items.FirstOrDefault(d => d.Code == code) is { } found)
            {
                return found;
            }

            if (list.Items.Count < 100)
            {
                return null;
            }
        }

        return null;
    }
}
