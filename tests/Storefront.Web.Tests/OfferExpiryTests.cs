using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain.Offers;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Rules;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Reconciliation;

namespace Storefront.Web.Tests;

/// <summary>
/// An upsell that closes ten minutes after the purchase: the server's clock decides, an accept after the deadline
/// charges nothing, and the offer ends without a page open. The store's clock is moved forward; Dodo's is not.
/// </summary>
public sealed class OfferExpiryTests(OfferExpiryTests.ExpiringOffersStore store) : IClassFixture<OfferExpiryTests.ExpiringOffersStore>, IDisposable
{
    public void Dispose() => store.Clock.Reset();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accept_AfterTheDeadline_IsRefused_ChargesNothing_AndClosesTheOffer()
    {
        var (shopper, customerId, order, offer) = await OfferAfterPurchaseAsync("starter-course");
        Assert.Equal(order.PaidAt!.Value.AddMinutes(10), offer.ExpiresAt);

        store.Clock.Advance(TimeSpan.FromMinutes(10));
        using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        Assert.Contains(ExpiredOffers.Message, await accept.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await store.SandboxChargesForAsync(customerId, offer.AttemptId));
        Assert.Equal(OfferAttemptStatus.Expired, (await AttemptAsync(offer.AttemptId)).Status);
        var again = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);
        Assert.False(again!.Eligible); // closed, and no downsell follows an offer that ran out
    }

    [Fact]
    public async Task Accept_BeforeTheDeadline_ChargesTheShownAmountOnce()
    {
        var (shopper, customerId, _, offer) = await OfferAfterPurchaseAsync("single-license");

        store.Clock.Advance(TimeSpan.FromMinutes(4)); // less than Dodo's webhook tolerance, so the payment still confirms
        using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
        var charge = Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId));
        Assert.Equal(offer.Price.Amount, charge.TotalAmount);
        await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId, Ct),
            a => a.Status == OfferAttemptStatus.Succeeded, "the charge before the deadline to be confirmed");
    }

    [Fact]
    public async Task PastTheDeadline_TheReconcilerClosesTheOffer_WithNoPageOpen()
    {
        var (_, _, _, offer) = await OfferAfterPurchaseAsync("starter-course");

        store.Clock.Advance(TimeSpan.FromMinutes(11));
        await store.Get<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>().OfType<MoneyReconciler>().Single().RunOnceAsync(Ct);

        var attempt = await AttemptAsync(offer.AttemptId);
        Assert.Equal(OfferAttemptStatus.Expired, attempt.Status);
        Assert.Null(attempt.PaymentId);
    }

    [Fact]
    public async Task AnOrderOpenedAfterTheDeadline_ShowsNoOffer()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();

        store.Clock.Advance(TimeSpan.FromMinutes(10));
        var response = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);

        Assert.False(response!.Eligible);
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.OfferAttempts.AnyAsync(a => a.UserId == shopper.UserId, Ct));
    }

    [Fact]
    public async Task AdminRule_ACrossSellWithADeadline_IsRefusedOnThatField_AndNothingIsSaved()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UpsellRuleAdmin>();
        var crossSell = (await admin.ListAsync(Ct)).First(r => r.Rule.Kind == OfferKind.CrossSell).Rule;
        var form = UpsellRuleForm.From(crossSell);
        form.ExpiresAfterMinutes = 15;

        var (id, errors) = await admin.SaveAsync(form, "admin@storefront.test", Ct);

        Assert.Null(id);
        Assert.Contains(errors, e => e.Field == nameof(UpsellRuleForm.ExpiresAfterMinutes));
        Assert.Null((await admin.FindAsync(crossSell.Id, Ct))!.ExpiresAfterMinutes);
    }

    private async Task<(Shopper Shopper, string CustomerId, Features.Orders.Order Order, ApiOffer Offer)> OfferAfterPurchaseAsync(string productId)
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync(productId);
        var customerId = await shopper.DodoCustomerIdAsync();
        var response = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);
        Assert.True(response!.Eligible, response.Reason);
        Assert.NotNull(response.Offer!.ExpiresAt);
        return (shopper, customerId, order, response.Offer);
    }

    private async Task<OfferAttempt> AttemptAsync(Guid attemptId)
    {
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        return await db.OfferAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, Ct);
    }

    /// <summary>A store whose clock the tests move, with every post-purchase upsell closing ten minutes after the purchase.</summary>
    public sealed class ExpiringOffersStore : LiveStore
    {
        public ExpiringOffersStore()
            : this(new ShiftableClock())
        {
        }

        private ExpiringOffersStore(ShiftableClock clock)
            : base(new StorefrontAppFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock))) => Clock = clock;

        public ShiftableClock Clock { get; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UpsellRuleAdmin>();
            foreach (var row in (await admin.ListAsync(CancellationToken.None)).Where(r => r.Rule.Kind == OfferKind.PostPurchaseUpsell))
            {
                var form = UpsellRuleForm.From(row.Rule);
                form.ExpiresAfterMinutes = 10;
                var (_, errors) = await admin.SaveAsync(form, "admin@storefront.test", CancellationToken.None);
                Assert.Empty(errors);
            }
        }
    }
}
