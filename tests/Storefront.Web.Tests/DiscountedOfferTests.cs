using System.Net;
using System.Net.Http.Json;
using Dodo.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Rules;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Tests;

/// <summary>
/// The Single → Team upsell at 15% off: the amount shown is the discounted one, Dodo charges exactly that through a
/// discount code the store made once, and the discount a customer saw is the one they get.
/// </summary>
public sealed class DiscountedOfferTests(DiscountedOfferTests.DiscountStore store) : IClassFixture<DiscountedOfferTests.DiscountStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheOffer_ShowsTheListAndDiscountedPrice_AndDodoChargesTheDiscountedAmount()
    {
        var (shopper, customerId, offer) = await OfferAsync();
        Assert.Equal((7000, 5950, 15), (offer.ListPrice!.Amount, offer.Price.Amount, offer.DiscountPercent)); // the upgrade's $70.00 less 15%

        using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId, amount = offer.Price.Amount }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
        var charge = Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId));
        Assert.Equal(5950, charge.TotalAmount);
        var attempt = await store.WaitForAsync(db => db.OfferAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == offer.AttemptId, Ct),
            a => a.Status == OfferAttemptStatus.Succeeded, "the discounted charge to be confirmed");
        Assert.Equal(5950, attempt.PaidAmountMinor);
    }

    [Fact]
    public async Task ManyCustomers_ShareOneCodeAtDodo()
    {
        for (var i = 0; i < 2; i++)
        {
            var (shopper, customerId, offer) = await OfferAsync();
            using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
        }

        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        var stored = Assert.Single(await db.OfferDiscountCodes.Where(c => c.Percent == 15).ToListAsync(Ct));
        var atDodo = (await store.Get<DodoClient>().ListDiscountsAsync(0, 100, Ct)).Items.Where(d => d.Code == stored.Code).ToList();
        Assert.Equal(stored.DodoDiscountId, Assert.Single(atDodo).DiscountId);
        Assert.True(atDodo[0].TimesUsed >= 2);
    }

    [Fact]
    public async Task ARuleEditedAfterTheOfferWasShown_ChargesTheDiscountTheCustomerSaw()
    {
        var (shopper, customerId, offer) = await OfferAsync();
        await store.SetDiscountAsync(30);
        try
        {
            using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = offer.AttemptId }, Ct);

            Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
            Assert.Equal(5950, Assert.Single(await store.SandboxChargesForAsync(customerId, offer.AttemptId)).TotalAmount);
        }
        finally
        {
            await store.SetDiscountAsync(15);
        }
    }

    [Fact]
    public async Task PayingOnDodosPageInstead_ShowsTheDiscountedTotalThere()
    {
        var (shopper, _, offer) = await OfferAsync();
        await using var scope = store.Services.CreateAsyncScope();

        var page = await scope.ServiceProvider.GetRequiredService<OfferAcceptance>()
            .CheckoutInsteadAsync(shopper.UserId, offer.AttemptId, 1, store.BaseUrl, Ct);

        Assert.Contains("Pay $59.50", await store.Client().GetStringAsync(page, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_ADiscountOnAPlanOffer_IsRefused_AndNothingIsSaved()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UpsellRuleAdmin>();
        var planRule = (await admin.ListAsync(Ct)).First(r => r.Rule.OfferProductId == "pro-plan").Rule;
        var form = UpsellRuleForm.From(planRule);
        form.DiscountPercent = 20;

        var (id, errors) = await admin.SaveAsync(form, "admin@storefront.test", Ct);

        Assert.Null(id);
        Assert.Contains(errors, e => e.Field == nameof(UpsellRuleForm.DiscountPercent));
        Assert.Null((await admin.FindAsync(planRule.Id, Ct))!.DiscountPercent);
    }

    private async Task<(Shopper Shopper, string CustomerId, ApiOffer Offer)> OfferAsync()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("single-license");
        var customerId = await shopper.DodoCustomerIdAsync();
        var response = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);
        Assert.True(response!.Eligible, response.Reason);
        return (shopper, customerId, response.Offer!);
    }

    /// <summary>A store whose Single → Team upsell takes 15% off.</summary>
    public sealed class DiscountStore : LiveStore
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await SetDiscountAsync(15);
        }

        public async Task SetDiscountAsync(int percent)
        {
            await using var scope = Services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UpsellRuleAdmin>();
            var rule = (await admin.ListAsync(CancellationToken.None)).Single(r => r.Rule.TriggerProductId == "single-license" && r.Rule.Kind == OfferKind.PostPurchaseUpsell).Rule;
            var form = UpsellRuleForm.From(rule);
            form.DiscountPercent = percent;
            var (_, errors) = await admin.SaveAsync(form, "admin@storefront.test", CancellationToken.None);
            Assert.Empty(errors);
        }
    }
}
