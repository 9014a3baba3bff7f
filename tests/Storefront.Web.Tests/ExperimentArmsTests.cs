using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain.Experiments;
using Storefront.Domain.Offers;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Experiments;
using Storefront.Web.Features.Api;
using Storefront.Web.Features.Experiments;

namespace Storefront.Web.Tests;

/// <summary>
/// A running experiment on "bought Single licence → offer Team licence": the holdout sees no offer, a variant sees its
/// own words, each customer's arm holds on every request, and every eligible order is counted once.
/// </summary>
public sealed class ExperimentArmsTests(ExperimentArmsTests.ExperimentStore store) : IClassFixture<ExperimentArmsTests.ExperimentStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HoldoutCustomer_SeesNoOffer_OnEveryRequest_AndTheOrderCountsOnceForTheHoldout()
    {
        var shopper = await store.NewCustomerInArmAsync(arm => arm is null);
        var order = await shopper.BuyAsync("single-license");
        var customerId = await shopper.DodoCustomerIdAsync();

        for (var i = 0; i < 3; i++)
        {
            var response = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);
            Assert.False(response!.Eligible);
        }

        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        var eligible = Assert.Single(await db.EligibleOrders.Where(e => e.OrderId == order.Id).ToListAsync(Ct));
        Assert.Null(eligible.VariantId);
        Assert.False(await db.OfferAttempts.AnyAsync(a => a.UserId == shopper.UserId, Ct));
    }

    [Fact]
    public async Task VariantCustomer_SeesTheVariantsWords_KeepsThem_AndTheChargeIsTheShownAmount()
    {
        var shopper = await store.NewCustomerInArmAsync(arm => arm == store.VariantB.Id);
        var order = await shopper.BuyAsync("single-license");
        var customerId = await shopper.DodoCustomerIdAsync();

        var first = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);
        var again = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);
        Assert.True(first!.Eligible, first.Reason);
        Assert.Equal(("Seats for everyone", "team-license"), (first.Offer!.Headline, first.Offer.Product.Id));
        Assert.Equal(first.Offer.AttemptId, again!.Offer!.AttemptId);

        using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = first.Offer.AttemptId }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accept.StatusCode);
        var charge = Assert.Single(await store.SandboxChargesForAsync(customerId, first.Offer.AttemptId));
        Assert.Equal(first.Offer.Price.Amount, charge.TotalAmount);

        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(store.VariantB.Id, (await db.OfferAttempts.SingleAsync(a => a.Id == first.Offer.AttemptId, Ct)).VariantId);
        Assert.Equal(store.VariantB.Id, (await db.EligibleOrders.SingleAsync(e => e.OrderId == order.Id, Ct)).VariantId);
    }

    [Fact]
    public async Task Admin_AnExperimentOnACrossSell_OrASecondOnTheSameRule_IsRefused_AndNothingIsSaved()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<ExperimentAdmin>();
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        var crossSell = await db.UpsellRules.FirstAsync(r => r.Kind == OfferKind.CrossSell, Ct);
        var before = await db.Experiments.CountAsync(Ct);

        var (onCrossSell, crossSellErrors) = await admin.CreateAsync(new ExperimentForm { RuleId = crossSell.Id, Name = "Cross" }, "admin@storefront.test", Ct);
        var (second, secondErrors) = await admin.CreateAsync(new ExperimentForm { RuleId = store.RuleId, Name = "Again" }, "admin@storefront.test", Ct);

        Assert.Null(onCrossSell);
        Assert.Contains(crossSellErrors, e => e.Field == nameof(ExperimentForm.RuleId));
        Assert.Null(second);
        Assert.Contains(secondErrors, e => e.Message.Contains("already has an experiment", StringComparison.Ordinal));
        Assert.Equal(before, await db.Experiments.CountAsync(Ct));
    }

    /// <summary>A store whose Single → Team upsell runs an experiment: half held out, the rest split between A (as is) and B.</summary>
    public sealed class ExperimentStore : LiveStore
    {
        public long RuleId { get; private set; }

        public long ExperimentId { get; private set; }

        public ExperimentVariant VariantB { get; private set; } = default!;

        private IReadOnlyList<VariantWeight> weights = [];

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Services.CreateAsyncScope();
            await using var db = await Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
            RuleId = (await db.UpsellRules.SingleAsync(r => r.TriggerProductId == "single-license" && r.Kind == OfferKind.PostPurchaseUpsell)).Id;
            var admin = scope.ServiceProvider.GetRequiredService<ExperimentAdmin>();
            var form = new ExperimentForm { RuleId = RuleId, Name = "Team seats wording", HoldoutPercent = 50 };
            form.Variants[1].Name = "B: seats";
            form.Variants[1].Headline = "Seats for everyone";
            var (id, errors) = await admin.CreateAsync(form, "admin@storefront.test", CancellationToken.None);
            Assert.Empty(errors);
            Assert.Null(await admin.StartAsync(id!.Value, "admin@storefront.test", CancellationToken.None));
            ExperimentId = id.Value;
            var experiment = await db.Experiments.Include(e => e.Variants).SingleAsync(e => e.Id == ExperimentId);
            VariantB = experiment.Variants.Single(v => v.Name == "B: seats");
            weights = experiment.Variants.OrderBy(v => v.Id).Select(v => new VariantWeight(v.Id, v.Weight)).ToList();
        }

        /// <summary>A new customer whose arm (by the same hash the store uses) is the one wanted.</summary>
        public async Task<Shopper> NewCustomerInArmAsync(Func<long?, bool> wanted)
        {
            for (var i = 0; i < 50; i++)
            {
                var shopper = await NewCustomerAsync();
                if (wanted(ExperimentAssignment.Assign(ExperimentId, shopper.UserId, 50, weights)))
                {
                    return shopper;
                }
            }

            throw new InvalidOperationException("No customer in the wanted arm after 50 tries (each try has at least a one-in-four chance).");
        }
    }
}
