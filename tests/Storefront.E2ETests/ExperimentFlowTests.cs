using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Domain.Experiments;
using Storefront.E2ETests.Pages;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Admin.Experiments;
using Storefront.Web.Features.Experiments;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>An admin starts an experiment with a holdout; one customer is held out and sees no offer, another sees the variant, each across reloads.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class ExperimentFlowTests(BrowserSession session) : IAsyncDisposable
{
    private const string VariantHeadline = "Seats for everyone";
    private const string RuleHeadline = "Bring your whole team";

    public async ValueTask DisposeAsync()
    {
        // Later tests of the collection buy the same product and expect the rule as it is.
        await using (var scope = session.App.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<ExperimentAdmin>();
            foreach (var row in (await admin.ListAsync(CancellationToken.None)).Where(r => r.Experiment.Status != ExperimentStatus.Ended))
            {
                await admin.EndAsync(row.Experiment.Id, "e2e", CancellationToken.None);
            }
        }

        await session.EndTestAsync();
    }

    [Fact]
    public async Task AHeldOutCustomerSeesNoOffer_AVariantCustomerSeesTheVariant_BothKeptAcrossReloads()
    {
        var admin = await session.NewAdminAsync();
        var experimentId = await StartExperimentAsync(admin);

        var (heldOut, _) = await session.NewCustomerAsync(userId => IsHeldOut(experimentId, userId));
        var heldOutOrder = OrderId(await CustomerFlowTests.BuyAsync(heldOut, "single-license"));
        for (var visit = 0; visit < 2; visit++)
        {
            // The server has decided (and counted the order for the holdout) before the page can be judged empty.
            await Wait.UntilAsync(() => EligibleAsync(heldOutOrder, variantId: null), "the order to count for the holdout");
            await new OrderPage(heldOut).WaitPaidAsync();
            await Expect(heldOut.GetByRole(AriaRole.Region, new() { NameRegex = new Regex($"^({VariantHeadline}|{RuleHeadline})$") })).ToHaveCountAsync(0);
            await heldOut.ReloadAsync();
        }

        var (shown, _) = await session.NewCustomerAsync(userId => !IsHeldOut(experimentId, userId));
        await CustomerFlowTests.BuyAsync(shown, "single-license");
        for (var visit = 0; visit < 2; visit++)
        {
            var offer = new OrderPage(shown).Offer(VariantHeadline);
            await Expect(offer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Add to my order — \$") })).ToBeVisibleAsync();
            await shown.ReloadAsync();
        }

        await admin.GotoAsync($"admin/experiments/{experimentId}");
        await Expect(admin.Locator("tr[data-arm=holdout] td").Nth(1)).ToHaveTextAsync("1");
        await Expect(admin.Locator("tr", new() { HasText = "B: seats" }).Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(admin.Locator("tr", new() { HasText = "B: seats" }).Locator("td").Nth(2)).ToHaveTextAsync("1"); // one impression
    }

    /// <summary>Creates and starts, in the admin's pages: half held out; the rest see variant B (A has no weight).</summary>
    private static async Task<long> StartExperimentAsync(IPage admin)
    {
        await admin.GotoAsync("admin/experiments");
        var rule = await admin.Locator("#rule option", new() { HasText = "Single license → Team license" }).GetAttributeAsync("value");
        await admin.GetByLabel("Rule to test").SelectOptionAsync(rule!);
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("Team seats wording");
        await admin.GetByLabel("Holdout (% of eligible orders that see no offer)").FillAsync("50");
        await admin.GetByLabel("Variant 1 weight").FillAsync("0");
        await admin.GetByLabel("Variant 2 name").FillAsync("B: seats");
        await admin.GetByLabel("Variant 2 weight").FillAsync("100");
        await admin.GetByLabel("Variant 2 headline").FillAsync(VariantHeadline);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create experiment" }).ClickAsync();

        await Expect(admin).ToHaveURLAsync(new Regex(@"/admin/experiments/\d+$"));
        await Expect(admin.GetByTestId("experiment-status")).ToHaveTextAsync("Draft");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(admin.GetByTestId("experiment-status")).ToHaveTextAsync("Running");
        return long.Parse(Regex.Match(admin.Url, @"(\d+)$").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The holdout is decided by its own hash, whatever the variants' weights.</summary>
    private static bool IsHeldOut(long experimentId, string userId) => ExperimentAssignment.Assign(experimentId, userId, 50, [new VariantWeight(1, 1)]) is null;

    private static Guid OrderId(string orderUrl) => Guid.Parse(Regex.Match(orderUrl, "[0-9a-f]{8}-[0-9a-f-]{27}").Value);

    private async Task<bool> EligibleAsync(Guid orderId, long? variantId)
    {
        await using var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
        return await db.EligibleOrders.AnyAsync(e => e.OrderId == orderId && e.VariantId == variantId);
    }
}

/// <summary>The experiment page shows the incremental figure and its interval for seeded orders with a known answer.</summary>
[Collection(SiteBrowserCollection.Name)]
public sealed class ExperimentResultsFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task TheResultPage_ShowsTheHandWorkedDifferenceAndInterval_AChart_AndACsv()
    {
        var ct = TestContext.Current.CancellationToken;
        long experimentId;
        await using (var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync(ct))
        {
            var rule = await db.UpsellRules.FirstAsync(r => r.TriggerProductId == "single-license" && r.Kind == Storefront.Domain.Offers.OfferKind.PostPurchaseUpsell, ct);
            experimentId = await ExperimentSeed.KnownAnswerAsync(db, rule.Id, ct);
        }

        var admin = await session.NewAdminAsync();
        await admin.GotoAsync("admin/experiments");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Seats wording (seeded)" }).ClickAsync();

        var variant = admin.Locator("tr", new() { HasText = ExperimentSeed.VariantName });
        await Expect(variant.GetByTestId("incremental")).ToHaveTextAsync(ExperimentSeed.Incremental);
        await Expect(variant.GetByTestId("reading")).ToContainTextAsync("Adds revenue: with 95% confidence, between +$9.40 and +$11.69 per eligible order");
        await Expect(admin.Locator("tr[data-arm=holdout] td").Nth(1)).ToHaveTextAsync("11");
        await Expect(admin.Locator(".chart-card[data-interactive=true] svg").First).ToBeVisibleAsync();

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, ct);
        Assert.Contains($"{experimentId},\"{ExperimentSeed.VariantName}\",", csv, StringComparison.Ordinal);
        Assert.Contains(",10.55,9.40,11.69,AddsRevenue", csv, StringComparison.Ordinal);
    }
}
