using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Rules;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;

namespace Storefront.Web.Tests;

/// <summary>
/// Offers taken in quantity: the e-book cross-sold after the Starter course, up to five copies, and the Team license
/// upsell with the same limit (which a Single license owner buys as an upgrade, so only once).
/// </summary>
public sealed class OfferQuantityTests(OfferQuantityTests.QuantityStore store) : IClassFixture<OfferQuantityTests.QuantityStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptThree_ChargesThreeTimesThePrice_AtDodo_AndTheOrderIsForThree()
    {
        var (shopper, view) = await EbookCrossSellAsync();
        Assert.Equal(5, view.MaxQuantity);
        Assert.Equal(3600, view.TotalFor(3).Minor);

        var result = await AcceptAsync(shopper, view.AttemptId, 3);

        Assert.Equal(AcceptOutcome.Submitted, result.Outcome);
        var charge = Assert.Single(await store.SandboxChargesForAsync(await shopper.DodoCustomerIdAsync(), view.AttemptId));
        Assert.Equal(3600, charge.TotalAmount);
        var order = await store.WaitForAsync(db => db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == result.OrderId, Ct),
            o => o.Status == OrderStatus.Paid, "the order for three to be paid");
        Assert.Equal(3, order.Quantity);
        Assert.Equal(3600, order.AmountMinor);
        Assert.Equal("The Upsell Playbook (e-book) × 3", order.LineLabel);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(0)]
    public async Task AQuantityOutsideTheLimit_IsRefused_AndNothingIsCharged(int quantity)
    {
        var (shopper, view) = await EbookCrossSellAsync();

        var result = await AcceptAsync(shopper, view.AttemptId, quantity);

        Assert.Equal(AcceptOutcome.Refused, result.Outcome);
        Assert.Equal("Choose a quantity from 1 to 5. Nothing was charged.", result.Message);
        Assert.Empty(await store.SandboxChargesForAsync(await shopper.DodoCustomerIdAsync(), view.AttemptId));
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(OfferAttemptStatus.Shown, (await db.OfferAttempts.SingleAsync(a => a.Id == view.AttemptId, Ct)).Status); // still open
    }

    [Fact]
    public async Task AnUpgrade_IsBoughtOnce_WhateverTheRulesLimit()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("single-license");
        await using var scope = store.Services.CreateAsyncScope();
        var view = (await scope.ServiceProvider.GetRequiredService<OfferService>().PostPurchaseOfferAsync(shopper.UserId, order.Id, Ct))!;
        Assert.True(view.IsUpgrade);
        Assert.Equal(1, view.MaxQuantity);

        var result = await AcceptAsync(shopper, view.AttemptId, 2);

        Assert.Equal(AcceptOutcome.Refused, result.Outcome);
        Assert.Equal("This offer is for one. Nothing was charged.", result.Message);
    }

    private async Task<(Shopper Shopper, OfferView View)> EbookCrossSellAsync()
    {
        var shopper = await store.NewCustomerAsync();
        var order = await shopper.BuyAsync("starter-course");
        await using var scope = store.Services.CreateAsyncScope();
        var crossSells = await scope.ServiceProvider.GetRequiredService<OfferService>().CrossSellsAsync(shopper.UserId, "starter-course", order.Id, Ct);
        return (shopper, crossSells.Single(v => v.Offer.Id == "upsell-playbook-ebook"));
    }

    private async Task<AcceptResult> AcceptAsync(Shopper shopper, Guid attemptId, int quantity)
    {
        await using var scope = store.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(shopper.UserId, attemptId, quantity, Ct);
    }

    /// <summary>A store whose e-book cross-sell and Team license upsell allow up to five.</summary>
    public sealed class QuantityStore : LiveStore
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UpsellRuleAdmin>();
            foreach (var row in (await admin.ListAsync(CancellationToken.None)).Where(r =>
                (r.Rule.Kind == OfferKind.CrossSell && r.Rule.TriggerProductId == "starter-course") || r.Rule.OfferProductId == "team-license"))
            {
                var form = UpsellRuleForm.From(row.Rule);
                form.MaxQuantity = 5;
                var (_, errors) = await admin.SaveAsync(form, "admin@storefront.test", CancellationToken.None);
                Assert.Empty(errors);
            }
        }
    }
}
