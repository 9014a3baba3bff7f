using Dodo.Payments;
using Dodo.Payments.Models;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Payments;
using Storefront.Web.Infrastructure.Security;
using Storefront.Web.Features.Live;

namespace Storefront.Web.Features.Offers;

public enum AcceptOutcome
{
    /// <summary>Dodo took the charge request; the webhook will say whether it succeeded.</summary>
    Submitted = 0,

    /// <summary>Another click, tab or retry already claimed this offer; nothing new was charged.</summary>
    AlreadyClaimed = 1,

    /// <summary>Dodo refused the charge (declined card or rule); the offer will not be retried.</summary>
    Failed = 2,

    /// <summary>No answer from Dodo; being settled by lookup, never by charging again.</summary>
    Unknown = 3,

    /// <summary>No saved card can pay for this offer: use normal checkout.</summary>
    NeedsCheckout = 4,

    /// <summary>Not this customer's offer, no longer on sale, or not a one-click offer.</summary>
    Refused = 5,

    /// <summary>Too many accepts from this customer in a short time; nothing was tried.</summary>
    TooManyRequests = 6,
}

public sealed record AcceptResult(AcceptOutcome Outcome, string Message, Guid? OrderId = null, string? PaymentId = null)
{
    public TimeSpan RetryAfter { get; init; }

    /// <summary>With Submitted: the customer's bank wants them to confirm the charge on this page first.</summary>
    public Uri? CustomerActionUrl { get; init; }
}

/// <summary>
/// "Add to my order": charges the saved card once with a confirmed checkout session. The attempt is claimed with
/// an atomic Shown → Charging update, so of any number of concurrent accepts exactly one reaches Dodo. That single
/// POST is never retried; if its answer is lost, the payment is found by its offer_attempt_id metadata.
/// </summary>
public sealed partial class OfferAcceptance(
    IDbContextFactory<StorefrontDbContext> dbFactory,
    DodoClient dodo,
    CheckoutService checkout,
    DodoCustomerLink customers,
    SavedCards cards,
    OfferSettlement settlement,
    OfferDiscountCodes discountCodes,
    ExpiredOffers expiredOffers,
    IChargeFaults faults,
    CustomerChanges notifier,
    AccountRateLimits limits,
    ICustomerPlans plans,
    StoreAddress address,
    TimeProvider clock,
    ILogger<OfferAcceptance> logger)
{
    public async Task<AcceptResult> AcceptAsync(string userId, Guid attemptId, int quantity, CancellationToken cancellationToken, Guid? addToOrderId = null)
    {
        if (limits.Accept(userId) is { Allowed: false } limit)
        {
            return new AcceptResult(AcceptOutcome.TooManyRequests, $"Too many tries in a short time. Try again in {TooManyRequests.Describe(limit.RetryAfter)}.")
            {
                RetryAfter = limit.RetryAfter,
            };
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attempt = await db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId && a.UserId == userId, cancellationToken);
        if (attempt is null)
        {
            return new AcceptResult(AcceptOutcome.Refused, "That offer is not available.");
        }

        var offer = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == attempt.OfferProductId && !p.IsArchived, cancellationToken);
        var rule = await db.UpsellRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == attempt.RuleId, cancellationToken);
        if (offer is null || rule is null || !rule.ToDomain().IsLiveAt(clock.GetUtcNow().UtcDateTime))
        {
            return new AcceptResult(AcceptOutcome.Refused, "This offer has ended.");
        }

        if (offer.Kind == Storefront.Domain.Catalog.ProductKind.Subscription)
        {
            return await plans.CurrentAsync(db, userId, cancellationToken) is null
                ? new AcceptResult(AcceptOutcome.NeedsCheckout, "A plan starts on Dodo's checkout, where you agree to be billed every period. Nothing was charged.")
                : new AcceptResult(AcceptOutcome.Refused, "A plan offer is a plan change: review it in the plan-change dialog.");
        }

        // The server's clock decides, whatever the page showed; the claim below checks the deadline again, atomically.
        if (attempt.Status == OfferAttemptStatus.Shown && await expiredOffers.CloseIfDueAsync(attemptId, cancellationToken))
        {
            return new AcceptResult(AcceptOutcome.Refused, ExpiredOffers.Message);
        }

        // Only an offer still open can be refused for ownership; a claimed one answers "already claimed" below.
        if (attempt.Status == OfferAttemptStatus.Shown
            && await AlreadyHasAsync(db, userId, offer.Id, attemptId, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } owned)
        {
            return new AcceptResult(AcceptOutcome.Refused, owned);
        }

        var charged = await OfferPricing.ChargedProductAsync(db, userId, offer, cancellationToken);
        if (OfferQuantity.Problem(quantity, OfferPricing.QuantityLimit(rule, offer, charged)) is { } tooMany)
        {
            return new AcceptResult(AcceptOutcome.Refused, $"{tooMany} Nothing was charged.");
        }

        var customerId = await customers.FindAsync(userId, cancellationToken);
        var card = await cards.ForOneClickAsync(customerId, charged.Currency, cancellationToken);
        var billing = await CustomerBilling.LatestAsync(db, userId, cancellationToken);
        if (customerId is null || card is null || billing is null || card.PaymentMethodId != attempt.PaymentMethodId && attempt.PaymentMethodId is not null)
        {
            return new AcceptResult(AcceptOutcome.NeedsCheckout, "Your saved card can't be used for this. Pay with another card instead.");
        }

        // The discount's code is made (or found) before anything is claimed: if Dodo can't give one, nothing moved.
        DiscountToRedeem? discount;
        try
        {
            discount = await DiscountAsync(attempt, charged, cancellationToken);
        }
        catch (Exception unavailable) when (unavailable.IsDodoFailure())
        {
            LogDiscountUnavailable(logger, unavailable, attemptId);
            return new AcceptResult(AcceptOutcome.Refused, "This offer can't be bought right now. Nothing was charged. Try again in a moment.");
        }

        var claimedAt = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.OfferAttempts
            .Where(a => a.Id == attemptId && a.UserId == userId && a.Status == OfferAttemptStatus.Shown && (a.ExpiresAt == null || a.ExpiresAt > claimedAt))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, OfferAttemptStatus.Charging)
                .SetProperty(a => a.PaymentMethodId, card.PaymentMethodId).SetProperty(a => a.DecidedAt, claimedAt)
                .SetProperty(a => a.Quantity, quantity), cancellationToken);
        if (claimed == 0 && await expiredOffers.CloseIfDueAsync(attemptId, CancellationToken.None))
        {
            return new AcceptResult(AcceptOutcome.Refused, ExpiredOffers.Message); // its deadline passed during this click
        }

        if (claimed == 0)
        {
            var current = await db.OfferAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, cancellationToken);
            return new AcceptResult(AcceptOutcome.AlreadyClaimed, "This offer is already being added to your order.", current.ResultOrderId, current.PaymentId);
        }

        var parentOrderId = await ParentOrderAsync(db, userId, attempt, addToOrderId, cancellationToken);
        var order = new Order
        {
            UserId = userId, Kind = KindOf(attempt.Kind), ProductId = offer.Id, DodoProductId = charged.DodoProductId, ProductName = offer.Name,
            Quantity = quantity, AmountMinor = OfferDiscount.Apply(new Storefront.Domain.Money(checked(charged.PriceMinor * quantity), charged.Currency), discount?.Percent).Minor,
            Currency = charged.Currency, Status = OrderStatus.Pending, ParentOrderId = parentOrderId, OfferAttemptId = attempt.Id, CreatedAt = claimedAt,
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(CancellationToken.None);
        await db.OfferAttempts.Where(a => a.Id == attemptId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ResultOrderId, order.Id), CancellationToken.None);

        await faults.BeforeChargeAsync(attemptId);
        try
        {
            // The one money-moving call. CancellationToken.None: a customer closing the tab must not leave it half-sent.
            var returnTo = new Uri(address.Base(), $"orders/{parentOrderId ?? order.Id}");
            var session = await dodo.CreateCheckoutSessionAsync(
                OneClickRequest(customerId, card.PaymentMethodId, billing, charged.DodoProductId, quantity, attempt, order, returnTo) with
                {
                    DiscountCodes = discount is null ? null : [discount.Code],
                }, CancellationToken.None);
            // A one-click answer with a page to go to means the bank wants the customer first (3-D Secure).
            var actionUrl = session.CheckoutUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var action) ? action : null;
            await MoveAsync(db, attemptId, OfferAttemptStatus.Charging, OfferAttemptStatus.Submitted);
            await db.OfferAttempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(set => set
                .SetProperty(a => a.CheckoutSessionId, session.SessionId).SetProperty(a => a.PaymentId, a => a.PaymentId ?? session.PaymentId)
                .SetProperty(a => a.CustomerActionUrl, actionUrl == null ? null : actionUrl.ToString()), CancellationToken.None);
            await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(set => set
                .SetProperty(o => o.CheckoutSessionId, session.SessionId).SetProperty(o => o.PaymentId, o => o.PaymentId ?? session.PaymentId), CancellationToken.None);
            await notifier.NotifyAsync(userId);
            return actionUrl is null
                ? new AcceptResult(AcceptOutcome.Submitted, "Adding it to your order…", order.Id, session.PaymentId)
                : new AcceptResult(AcceptOutcome.Submitted, "Your bank asks you to confirm this payment.", order.Id, session.PaymentId) { CustomerActionUrl = actionUrl };
        }
        catch (DodoApiException refused)
        {
            LogRefused(logger, attemptId, refused.Code, refused.DodoMessage);
            await MoveAsync(db, attemptId, OfferAttemptStatus.Charging, OfferAttemptStatus.Failed, DeclineWords.Refused);
            await db.Orders.Where(o => o.Id == order.Id && o.Status == OrderStatus.Pending).ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, OrderStatus.Failed).SetProperty(o => o.FailureMessage, DeclineWords.Refused), CancellationToken.None);
            await notifier.NotifyAsync(userId);
            return new AcceptResult(AcceptOutcome.Failed, "We couldn't charge your saved card. Nothing was charged.", order.Id);
        }
        catch (DodoUnknownOutcomeException lost)
        {
            // No answer, a timeout or a server error: Dodo may have charged. Look it up (now, and in the background
            // until it is known); never tell the customer nothing was charged, never send it again.
            LogUnknown(logger, lost, attemptId);
            await MoveAsync(db, attemptId, OfferAttemptStatus.Charging, OfferAttemptStatus.Unknown);
            try
            {
                await settlement.SettleAsync(attemptId, CancellationToken.None);
            }
            catch (Exception lookupFailed) when (lookupFailed is DodoApiException or DodoUnknownOutcomeException or HttpRequestException or DbUpdateException)
            {
                LogLookupFailed(logger, lookupFailed, attemptId); // the reconciler looks again; the customer is told it is being confirmed
            }

            var now = await db.OfferAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, CancellationToken.None);
            return now.Status == OfferAttemptStatus.Unknown
                ? new AcceptResult(AcceptOutcome.Unknown, "We're confirming your payment with Dodo. This page updates when it's known.", order.Id)
                : new AcceptResult(AcceptOutcome.Submitted, "Adding it to your order…", order.Id, now.PaymentId);
        }
    }

    /// <summary>
    /// Pays for the offer on Dodo's checkout page instead (no usable saved card, or the saved card was declined).
    /// Returns the page to send the customer to, or null when this offer can't be bought that way.
    /// </summary>
    public async Task<Uri?> CheckoutInsteadAsync(string userId, Guid attemptId, int quantity, Uri storeBase, CancellationToken cancellationToken, Guid? addToOrderId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attempt = await db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId && a.UserId == userId
            && (a.Status == OfferAttemptStatus.Shown || a.Status == OfferAttemptStatus.Failed), cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        if (OfferExpiry.HasExpired(attempt.ExpiresAt, clock.GetUtcNow().UtcDateTime))
        {
            await expiredOffers.CloseIfDueAsync(attemptId, cancellationToken);
            throw new StoreRuleException(ExpiredOffers.Message);
        }

        var offered = await db.Products.AsNoTracking().SingleAsync(p => p.Id == attempt.OfferProductId, cancellationToken);
        var charged = await OfferPricing.ChargedProductAsync(db, userId, offered, cancellationToken);
        var rule = await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Id == attempt.RuleId, cancellationToken);
        if (OfferQuantity.Problem(quantity, OfferPricing.QuantityLimit(rule, offered, charged)) is { } tooMany)
        {
            throw new StoreRuleException($"{tooMany} Nothing was charged.");
        }

        // The discount's code first: if Dodo can't give one, nothing has been claimed.
        var discount = await DiscountAsync(attempt, charged, cancellationToken);

        // From Shown, claim it so the one-click button can't also charge; a Failed attempt stays Failed until paid.
        await MoveAsync(db, attemptId, OfferAttemptStatus.Shown, OfferAttemptStatus.Submitted);
        await db.OfferAttempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(set => set.SetProperty(a => a.Quantity, quantity), CancellationToken.None);
        return await checkout.StartAsync(userId, charged.Id, storeBase, KindOf(attempt.Kind),
            await ParentOrderAsync(db, userId, attempt, addToOrderId, cancellationToken), cancellationToken, attemptId, quantity, discount);
    }

    /// <summary>The code for the discount the offer was shown with, restricted to the product actually charged.</summary>
    private async Task<DiscountToRedeem?> DiscountAsync(OfferAttempt attempt, CatalogProduct charged, CancellationToken cancellationToken) =>
        attempt.DiscountPercent is { } percent ? await discountCodes.ForAsync(charged.DodoProductId, percent, cancellationToken) : null;

    /// <summary>
    /// The order the offer's purchase joins: the page's own order when the customer bought there (a paid order of
    /// theirs), else the order the offer was made for; none for an offer made on a product page and bought there.
    /// </summary>
    private static async Task<Guid?> ParentOrderAsync(StorefrontDbContext db, string userId, OfferAttempt attempt, Guid? pageOrderId, CancellationToken cancellationToken)
    {
        if (pageOrderId is { } page && await db.Orders.AnyAsync(o => o.Id == page && o.UserId == userId && o.Status == OrderStatus.Paid, cancellationToken))
        {
            return page;
        }

        return attempt.OrderId == OfferService.NoOrder ? null : attempt.OrderId;
    }

    /// <summary>
    /// Why the customer can't be charged for this product again: they own it, or another order for it is paid or under
    /// way (a checkout session lives 24 hours; an older pending one was abandoned).
    /// </summary>
    private static async Task<string?> AlreadyHasAsync(StorefrontDbContext db, string userId, string productId, Guid attemptId, DateTime now, CancellationToken cancellationToken)
    {
        var openSince = now.AddDays(-1);
        if (await db.Entitlements.AnyAsync(e => e.UserId == userId && e.ProductId == productId, cancellationToken))
        {
            return "You already have this. Nothing was charged.";
        }

        return await db.Orders.AnyAsync(o => o.UserId == userId && o.ProductId == productId && o.OfferAttemptId != attemptId
                && (o.Status == OrderStatus.Paid || (o.Status == OrderStatus.Pending && o.CreatedAt > openSince)), cancellationToken)
            ? "This is already on its way to you from another order. Nothing more was charged."
            : null;
    }

    private static CheckoutSessionRequest OneClickRequest(
        string customerId, string paymentMethodId, BillingAddress billing, string dodoProductId, int quantity, OfferAttempt attempt, Order order, Uri returnTo) => new()
    {
        ProductCart = [new ProductCartItem { ProductId = dodoProductId, Quantity = quantity }],
        Customer = CustomerRequest.Existing(customerId),
        PaymentMethodId = paymentMethodId,
        Confirm = true,
        // Dodo requires a full billing address with confirm and taxes by it: the customer's own, from their last payment.
        BillingAddress = billing,
        FeatureFlags = new CheckoutFeatureFlags { RedirectImmediately = true },
        // Where the bank's confirmation page (3-D Secure) sends the customer back to.
        ReturnUrl = returnTo.ToString(),
        Metadata = new()
        {
            ["upsell_source"] = attempt.Kind switch
            {
                OfferKind.PostPurchaseUpsell => "post_purchase",
                OfferKind.CrossSell => "cross_sell",
                OfferKind.Downsell => "downsell",
            },
            ["original_order_id"] = (order.ParentOrderId ?? attempt.OrderId).ToString(),
            [PaymentOutcomes.OfferAttemptIdKey] = attempt.Id.ToString(),
            [PaymentOutcomes.OrderIdKey] = order.Id.ToString(),
        },
    };

    private static OrderKind KindOf(OfferKind kind) => kind switch
    {
        OfferKind.PostPurchaseUpsell => OrderKind.Upsell,
        OfferKind.CrossSell => OrderKind.CrossSell,
        OfferKind.Downsell => OrderKind.Downsell,
    };

    /// <summary>
    /// Moves the attempt only from the expected state (a webhook that already finished it is never undone), and only
    /// along the claimed-action state machine.
    /// </summary>
    private static Task MoveAsync(StorefrontDbContext db, Guid attemptId, OfferAttemptStatus from, OfferAttemptStatus to, string? failure = null)
    {
        OfferAttemptStages.EnsureCanMove(from, to);
        return db.OfferAttempts.Where(a => a.Id == attemptId && a.Status == from).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.Status, to).SetProperty(a => a.FailureMessage, a => failure ?? a.FailureMessage), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer attempt {AttemptId}: its discount code could not be made or found at Dodo; nothing was claimed")]
    private static partial void LogDiscountUnavailable(ILogger logger, Exception exception, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer attempt {AttemptId}: Dodo refused the charge ({Code}: {Message})")]
    private static partial void LogRefused(ILogger logger, Guid attemptId, string? code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer attempt {AttemptId}: the first lookup failed; the reconciler settles it")]
    private static partial void LogLookupFailed(ILogger logger, Exception error, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer attempt {AttemptId}: no answer from Dodo; settling by lookup")]
    private static partial void LogUnknown(ILogger logger, Exception error, Guid attemptId);
}
