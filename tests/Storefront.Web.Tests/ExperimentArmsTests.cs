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

    [Fact]
    public async Task Paused_TheRuleShowsAsItIsToEveryone_AndNothingIsCounted()
    {
        var shopper = await store.NewCustomerInArmAsync(arm => arm is null);
        await using var scope = store.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<ExperimentAdmin>();
        Assert.Null(await admin.PauseAsync(store.ExperimentId, "admin@storefront.test", Ct));
        try
        {
            var order = await shopper.BuyAsync("single-license");
            var response = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{await shopper.DodoCustomerIdAsync()}", Ct);

            Assert.Equal("Bring your whole team", response!.Offer!.Headline); // held out while running, shown the rule while paused
            await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
            Assert.False(await db.EligibleOrders.AnyAsync(e => e.OrderId == order.Id, Ct));
        }
        finally
        {
            Assert.Null(await admin.StartAsync(store.ExperimentId, "admin@storefront.test", Ct));
        }
    }

    [Fact]
    public async Task Promote_WritesTheVariantIntoItsRule_AndEndsTheExperiment()
    {
        await using var scope = store.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<ExperimentAdmin>();
        await using var db = await store.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(Ct);
        var rule = await db.UpsellRules.SingleAsync(r => r.TriggerProductId == "starter-course" && r.Kind == OfferKind.PostPurchaseUpsell, Ct);
        var form = new ExperimentForm { RuleId = rule.Id, Name = "Bundle badge" };
        form.Variants[1].Name = "B: badge";
        form.Variants[1].Badge = "Best value";
        var (id, errors) = await admin.CreateAsync(form, "admin@storefront.test", Ct);
        Assert.Empty(errors);
        var variant = (await admin.FindAsync(id!.Value, Ct))!.Experiment.Variants.Single(v => v.Name == "B: badge");

        Assert.Null(await admin.PromoteAsync(id.Value, variant.Id, "admin@storefront.test", Ct));

        var promoted = await db.UpsellRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id, Ct);
        Assert.Equal(("Best value", rule.Headline, rule.OfferProductId), (promoted.Badge, promoted.Headline, promoted.OfferProductId));
        var experiment = (await admin.FindAsync(id.Value, Ct))!.Experiment;
        Assert.Equal((ExperimentStatus.Ended, variant.Id), (experiment.Status, experiment.PromotedVariantId));
        Assert.Contains(await db.AuditLog.Where(a => a.EntityType == "Experiment" && a.EntityId == id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync(Ct), a => a == "promote");
    }

    [Fact]
    public async Task ExperimentPagesAndCsv_Admin_GetsThem_Customer_IsRefused()
    {
        var admin = store.Client();
        using var _ = await new StoreClient(admin).SignInAsync("admin@storefront.test", "admin-demo-pass");
        var customer = await store.NewCustomerAsync();

        using var csv = await admin.GetAsync(new Uri($"admin/experiments/{store.ExperimentId}.csv", UriKind.Relative), Ct);
        using var missing = await admin.GetAsync(new Uri("admin/experiments/987654.csv", UriKind.Relative), Ct);
        using var refusedCsv = await customer.Http.GetAsync(new Uri($"admin/experiments/{store.ExperimentId}.csv", UriKind.Relative), Ct);
        using var refusedPage = await customer.Http.GetAsync(new Uri($"admin/experiments/{store.ExperimentId}", UriKind.Relative), Ct);

        Assert.Equal(("text/csv", HttpStatusCode.OK), (csv.Content.Headers.ContentType?.MediaType, csv.StatusCode));
        Assert.StartsWith("experiment_id,arm,variant_id,currency,eligible_orders", await csv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refusedCsv.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", refusedPage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
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
