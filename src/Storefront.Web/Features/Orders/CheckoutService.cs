using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Payments;

namespace Storefront.Web.Features.Orders;

/// <summary>
/// Starts a purchase on Dodo's hosted checkout: a pending order, then a checkout session for the account's Dodo
/// customer that returns to the order page. Creating a session moves no money, so a failure here costs nothing.
/// </summary>
public sealed class CheckoutService(
    IDbContextFactory<StorefrontDbContext> dbFactory, DodoClient dodo, DodoCustomerLink customers, ICustomerPlans plans, StoreAddress address, TimeProvider clock)
{
    /// <summary>Whether this customer's checkout of a plan with a trial starts free: one trial per customer, whichever plan it was on.</summary>
    public async Task<bool> GetsTrialAsync(string userId, int trialPeriodDays, CancellationToken cancellationToken)
    {
        if (trialPeriodDays <= 0)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return !await plans.HadTrialAsync(db, userId, cancellationToken);
    }

    /// <param name="requestBase">The address the customer is using; links use Store:PublicBaseUrl instead whenever it is set.</param>
    public async Task<Uri> StartAsync(string userId, string productId, Uri requestBase, OrderKind kind, Guid? parentOrderId, CancellationToken cancellationToken, Guid? offerAttemptId = null, int quantity = 1,
        Offers.DiscountToRedeem? discount = null)
    {
        var storeBase = address.BaseFor(requestBase);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId && !p.IsArchived, cancellationToken)
            ?? throw new StoreRuleException("That product is not for sale.");
        if (product.Kind == Storefront.Domain.Catalog.ProductKind.Subscription
            && await plans.CurrentAsync(db, userId, cancellationToken) is not null)
        {
            throw new StoreRuleException("You already have a plan. Change it from My subscription instead.");
        }

        var skipTrial = product.TrialPeriodDays > 0 && await plans.HadTrialAsync(db, userId, cancellationToken);
        var customerId = await customers.EnsureAsync(userId, cancellationToken);
        var order = new Order
        {
            // An upgrade product is charged, and grants the product it upgrades to.
            UserId = userId, Kind = kind, ProductId = product.UpgradeToProductId ?? product.Id, DodoProductId = product.DodoProductId, ProductName = product.Name,
            Quantity = quantity, Currency = product.Currency, Status = OrderStatus.Pending,
            // A plan's free trial charges nothing today; Dodo's own figures replace this once it answers.
            AmountMinor = product.TrialPeriodDays > 0 && !skipTrial ? 0
                : Storefront.Domain.Offers.OfferDiscount.Apply(new Storefront.Domain.Money(checked(product.PriceMinor * quantity), product.Currency), discount?.Percent).Minor,
            ParentOrderId = parentOrderId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);

        var session = await dodo.CreateCheckoutSessionAsync(new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = product.DodoProductId, Quantity = quantity }],
            Customer = CustomerRequest.Existing(customerId),
            ReturnUrl = new Uri(storeBase, $"orders/{order.Id}").ToString(),
            CancelUrl = new Uri(storeBase, $"products/{product.Id}").ToString(),
            FeatureFlags = new CheckoutFeatureFlags { RedirectImmediately = true },
            ShowSavedPaymentMethods = true,
            DiscountCodes = discount is null ? null : [discount.Code],
            SubscriptionData = skipTrial ? new CheckoutSubscriptionData { TrialPeriodDays = 0 } : null,
            Metadata = new Dictionary<string, string>
            {
                [PaymentOutcomes.OrderIdKey] = order.Id.ToString(),
                ["storefront_user_id"] = userId,
                ["purchase_type"] = kind.ToString(),
            }.WithOfferAttempt(offerAttemptId),
        }, cancellationToken);

        order.CheckoutSessionId = session.SessionId;
        await db.SaveChangesAsync(cancellationToken);
        return new Uri(session.CheckoutUrl ?? throw new StoreRuleException("Dodo did not return a checkout page. Try again."));
    }
}
