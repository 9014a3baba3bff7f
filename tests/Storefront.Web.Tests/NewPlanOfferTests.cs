using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Domain.Offers;
using Storefront.Web.Features.Admin.Rules;
using Storefront.Web.Features.Api;

namespace Storefront.Web.Tests;

/// <summary>A plan offered after a one-time purchase to a customer without one: a new subscription, never one click.</summary>
public sealed class NewPlanOfferTests(NewPlanOfferTests.PlanAfterBundleStore store) : IClassFixture<NewPlanOfferTests.PlanAfterBundleStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheApi_OffersItAsANewPlan_AndAnAcceptSaysCheckout_ChargingNothing()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("complete-bundle");
        var customerId = await shopper.DodoCustomerIdAsync();

        var response = await shopper.Http.GetFromJsonAsync<UpsellOfferResponse>($"api/upsell/{customerId}", Ct);
        Assert.True(response!.Eligible, response.Reason);
        Assert.Equal(("new_plan", "basic-plan", false), (response.Offer!.Kind, response.Offer.Product.Id, response.Offer.OneClick));
        using var accept = await shopper.Http.PostAsJsonAsync($"api/upsell/{customerId}/accept", new { attemptId = response.Offer.AttemptId }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        Assert.Equal("needs_checkout", (await accept.Content.ReadFromJsonAsync<AcceptResponse>(Ct))!.Status);
        Assert.Empty(await store.SandboxChargesForAsync(customerId, response.Offer.AttemptId));
    }

    /// <summary>A store where buying the Complete bundle is followed by an offer of the Basic plan.</summary>
    public sealed class PlanAfterBundleStore : LiveStore
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Services.CreateAsyncScope();
            var form = new UpsellRuleForm
            {
                Kind = OfferKind.PostPurchaseUpsell, TriggerProductId = "complete-bundle", OfferProductId = "basic-plan", Headline = "Keep learning every month",
            };
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<UpsellRuleAdmin>().SaveAsync(form, "admin@storefront.test", CancellationToken.None);
            Assert.Empty(errors);
        }
    }
}
