using Dodo.Payments.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Storefront.Domain.Offers;
using Storefront.Domain.Plans;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Features.Subscriptions;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Tests;

/// <summary>
/// <see cref="PaymentOutcomes"/> on its own: the store's services over a real database, with no webhook processor,
/// reconciler or other worker running, so each payment is applied exactly when the test says.
/// </summary>
public sealed class PaymentOutcomesTests(PaymentOutcomesTests.Quiet app) : IClassFixture<PaymentOutcomesTests.Quiet>
{
    /// <summary>The store's services without its background workers (the database is still migrated and seeded).</summary>
    public sealed class Quiet : StorefrontAppFactory
    {
        public Quiet()
        {
            WithSetting("Dodo:Environment", "test_mode").WithSetting("Dodo:ApiKey", "sk_test_outcomes")
                .WithSetting("Dodo:WebhookSecret", "whsec_dGVzdHMtb3duLXdlYmhvb2stc2VjcmV0LTAwMQ==").WithSetting("Dodo:BaseUrl", "http://127.0.0.1:9/")
                .WithSetting("Catalog:SyncEveryMinutes", "0").WithSetting("Store:PublicBaseUrl", "https://shop.example/");
            WithServices(services =>
            {
                var workers = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType != typeof(DatabaseInitializer)).ToList();
                workers.ForEach(worker => services.Remove(worker));
            });
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Succeeded_PaysTheOrderWithDodosAmount_GrantsOnce_AndEmailsOneReceipt_EvenAppliedTwice()
    {
        var (userId, order, _) = await OrderAsync();
        var payment = Payment(order.Id, PaymentStatus.Succeeded, 5300);

        Assert.Equal(WebhookOutcome.Applied, await ApplyAsync(payment));
        Assert.Equal(WebhookOutcome.Applied, await ApplyAsync(payment));

        await using var db = await DbAsync();
        var paid = await db.Orders.SingleAsync(o => o.Id == order.Id, Ct);
        Assert.Equal((OrderStatus.Paid, 5300L, payment.PaymentId), (paid.Status, paid.AmountMinor, paid.PaymentId));
        Assert.Equal(1, await db.Entitlements.CountAsync(e => e.OrderId == order.Id, Ct));
        Assert.Equal(1, await db.EmailOutbox.CountAsync(e => e.DedupeKey == $"receipt:{order.Id}", Ct));
        Assert.Contains("742 Evergreen Terrace", paid.BillingAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedAfterSucceeded_LeavesThePaidOrderAndItsOffer_AsTheyWere()
    {
        var (_, order, attempt) = await OrderAsync(withOffer: true);
        await ApplyAsync(Payment(order.Id, PaymentStatus.Succeeded, 1900, attempt));

        await ApplyAsync(Payment(order.Id, PaymentStatus.Failed, 1900, attempt) with { ErrorCode = "GENERIC_DECLINE" });

        await using var db = await DbAsync();
        Assert.Equal(OrderStatus.Paid, (await db.Orders.SingleAsync(o => o.Id == order.Id, Ct)).Status);
        var offer = await db.OfferAttempts.SingleAsync(a => a.Id == attempt, Ct);
        Assert.Equal((OfferAttemptStatus.Succeeded, 1900L), (offer.Status, offer.PaidAmountMinor!.Value));
    }

    [Fact]
    public async Task Processing_IsNotFinal_TheOrderWaitsAndRemembersWhichPaymentToLookUp()
    {
        var (_, order, attempt) = await OrderAsync(withOffer: true);
        var payment = Payment(order.Id, PaymentStatus.Processing, 1900, attempt);

        await ApplyAsync(payment);

        await using var db = await DbAsync();
        var pending = await db.Orders.SingleAsync(o => o.Id == order.Id, Ct);
        Assert.Equal((OrderStatus.Pending, payment.PaymentId), (pending.Status, pending.PaymentId));
        Assert.Equal(OfferAttemptStatus.Submitted, (await db.OfferAttempts.SingleAsync(a => a.Id == attempt, Ct)).Status);
    }

    [Fact]
    public async Task Cancelled_FailsTheOfferInCustomerWords_NothingCharged()
    {
        var (_, order, attempt) = await OrderAsync(withOffer: true);

        await ApplyAsync(Payment(order.Id, PaymentStatus.Cancelled, 1900, attempt));

        await using var db = await DbAsync();
        var offer = await db.OfferAttempts.SingleAsync(a => a.Id == attempt, Ct);
        Assert.Equal(OfferAttemptStatus.Failed, offer.Status);
        Assert.Contains("wasn't confirmed with your bank", offer.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Failed, (await db.Orders.SingleAsync(o => o.Id == order.Id, Ct)).Status);
    }

    [Fact]
    public async Task APaymentForNothingOfOurs_IsNoMatch_AndChangesNothing()
    {
        var outcome = await ApplyAsync(Payment(Guid.NewGuid(), PaymentStatus.Succeeded, 100) with { Metadata = new() { ["other_shop"] = "1" } });

        Assert.Equal(WebhookOutcome.NoMatch, outcome);
    }

    [Theory]
    [InlineData(PaymentFailureBehaviour.PreventChange, QuoteStatus.AwaitingPayment)]
    [InlineData(PaymentFailureBehaviour.ApplyChange, QuoteStatus.Submitted)] // the plan changes anyway: plan_changed ends it
    public async Task ADeclinedPlanChange_WaitsForPayment_OnlyUnderPreventChange(PaymentFailureBehaviour onFailure, QuoteStatus expected)
    {
        var (userId, _, _) = await OrderAsync();
        var quote = new PlanChangeQuote
        {
            UserId = userId, DodoSubscriptionId = "sub_" + Guid.NewGuid().ToString("N")[..10], FromDodoProductId = "pdt_basic", TargetDodoProductId = "pdt_pro",
            OnFailure = onFailure, Currency = "USD", TotalAmountMinor = 5000, Status = QuoteStatus.Submitted, CreatedAt = DateTime.UtcNow, SubmittedAt = DateTime.UtcNow,
        };
        await using (var db = await DbAsync())
        {
            db.PlanChangeQuotes.Add(quote);
            await db.SaveChangesAsync(Ct);
        }

        var outcome = await ApplyAsync(Payment(null, PaymentStatus.Failed, 5000) with
        {
            SubscriptionId = quote.DodoSubscriptionId, ProductCart = null, ErrorCode = "INSUFFICIENT_FUNDS",
            Metadata = new() { [PlanChangeService.QuoteIdKey] = quote.Id.ToString() },
        });

        Assert.Equal(WebhookOutcome.Applied, outcome);
        await using var after = await DbAsync();
        var stored = await after.PlanChangeQuotes.SingleAsync(q => q.Id == quote.Id, Ct);
        Assert.Equal(expected, stored.Status);
    }

    private async Task<WebhookOutcome> ApplyAsync(Payment payment)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaymentOutcomes>().ApplyAsync(payment, Ct);
    }

    /// <summary>A customer with a pending order for the starter course, and optionally the offer attempt it came from.</summary>
    private async Task<(string UserId, Order Order, Guid? Attempt)> OrderAsync(bool withOffer = false)
    {
        var email = $"outcomes-{Guid.NewGuid():N}@storefront.test";
        await using var scope = app.Services.CreateAsyncScope();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, "a long test passphrase")).Succeeded);
        await using var db = await DbAsync();
        var product = await db.Products.SingleAsync(p => p.Id == "starter-course", Ct);
        var attempt = withOffer
            ? new OfferAttempt { UserId = user.Id, RuleId = 1, Kind = OfferKind.PostPurchaseUpsell, OrderId = Guid.NewGuid(), OfferProductId = product.Id, Status = OfferAttemptStatus.Submitted, CreatedAt = DateTime.UtcNow }
            : null;
        var order = new Order
        {
            UserId = user.Id, ProductId = product.Id, DodoProductId = product.DodoProductId, ProductName = product.Name, AmountMinor = product.PriceMinor,
            Currency = product.Currency, CreatedAt = DateTime.UtcNow, OfferAttemptId = attempt?.Id, Kind = withOffer ? OrderKind.Upsell : OrderKind.Purchase,
        };
        if (attempt is not null)
        {
            db.OfferAttempts.Add(attempt);
        }

        db.Orders.Add(order);
        await db.SaveChangesAsync(Ct);
        return (user.Id, order, attempt?.Id);
    }

    private static Payment Payment(Guid? orderId, PaymentStatus status, long amount, Guid? attemptId = null) => new()
    {
        PaymentId = "pay_" + Guid.NewGuid().ToString("N")[..12],
        BusinessId = "bus_test",
        Status = status,
        TotalAmount = amount,
        Currency = "USD",
        Customer = new CustomerSummary { CustomerId = "cus_test", Email = "x@example.com", Name = "X" },
        Billing = new BillingAddress { Country = "US", Street = "742 Evergreen Terrace", City = "Springfield", State = "OR", Zipcode = "97477" },
        ProductCart = [new ProductCartItem { ProductId = "pdt_starter", Quantity = 1 }],
        Metadata = new()
        {
            [PaymentOutcomes.OrderIdKey] = (orderId ?? Guid.NewGuid()).ToString(),
            [PaymentOutcomes.OfferAttemptIdKey] = (attemptId ?? Guid.Empty).ToString(),
        },
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private Task<StorefrontDbContext> DbAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
}
