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
    public async Task<DiscountToRedeem> ForAsync(string dodoProductId, int percent, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.OfferDiscountCodes.AsNoTracking().FirstOrDefaultAsync(c => c.DodoProductId == dodoProductId && c.Percent == percent, cancellationToken) is { } known)
        {
            return new DiscountToRedeem(known.Code, percent);
        }

        var code = CodeFor(dodoProductId, percent);
        Discount? discount;
        try
        {
            discount = await dodo.CreateDiscountAsync(new CreateDiscountRequest
            {
                Amount = OfferDiscount.BasisPoints(percent), Code = code, RestrictedTo = [dodoProductId], Name = $"Storefront offer: {percent}% off",
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
            DodoProductId = dodoProductId, Percent = percent, Code = discount.Code, DodoDiscountId = discount.DiscountId, CreatedAt = clock.GetUtcNow().UtcDateTime,
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

    /// <summary>"UP20" and ten characters from the product's hash: at most 16 characters, the same every time.</summary>
    public static string CodeFor(string dodoProductId, int percent)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(dodoProductId));
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var suffix = new string(hash.Take(10).Select(b => Alphabet[b % Alphabet.Length]).ToArray());
        return $"UP{percent}{suffix}";
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
