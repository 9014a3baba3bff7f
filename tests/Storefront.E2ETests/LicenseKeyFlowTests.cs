using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.E2ETests.Pages;
using Storefront.Testing;
using Storefront.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Storefront.E2ETests;

/// <summary>A customer buys a Single licence, sees its key and activations in My account, then upgrades to the Team licence and gets its key.</summary>
[Collection(PurchaseBrowserCollection.Name)]
public sealed class LicenseKeyFlowTests(BrowserSession session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => session.EndTestAsync();

    [Fact]
    public async Task TheLibraryShowsTheKeyAndItsActivations_AndAnUpgradeAddsTheTeamKey()
    {
        var (customer, email) = await session.NewCustomerAsync();
        var orderUrl = await CustomerFlowTests.BuyAsync(customer, "single-license");
        var singleKey = await KeyAsync(email, "single-license");

        // The customer's copy of the software activates the key at Dodo (the store is not involved).
        using (var dodo = new HttpClient { BaseAddress = new Uri(session.BaseUrl, "sandbox/dodo/") })
        {
            using var activated = await dodo.PostAsJsonAsync("licenses/activate", new { license_key = singleKey, name = "Laptop" }, TestContext.Current.CancellationToken);
            activated.EnsureSuccessStatusCode();
        }

        await customer.GotoAsync("account");
        var keys = customer.GetByRole(AriaRole.Table, new() { Name = "License keys" });
        var single = keys.GetByRole(AriaRole.Row).Filter(new() { HasText = "Single license" });
        await Expect(single).ToContainTextAsync(singleKey);
        await Expect(single).ToContainTextAsync("1 of 1 activations: Laptop");

        await customer.GotoAsync(orderUrl);
        await new OrderPage(customer).WaitPaidAsync(); // and interactive: a click on the prerendered button would do nothing
        var offer = new OrderPage(customer).Offer("Bring your whole team");
        await offer.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Add to my order — \$") }).ClickAsync();
        await Expect(offer).ToContainTextAsync("Team license was added to your order");
        var teamKey = await KeyAsync(email, "team-license", "team-license-upgrade"); // a Single owner is charged the upgrade product

        await customer.GotoAsync("account");
        var team = keys.GetByRole(AriaRole.Row).Filter(new() { HasText = teamKey });
        await Expect(team).ToContainTextAsync("Team license");
        await Expect(team).ToContainTextAsync("0 of 5 activations");
        await Expect(keys.GetByRole(AriaRole.Row).Filter(new() { HasText = singleKey })).ToBeVisibleAsync();
    }

    /// <summary>The key Dodo issued for the customer's purchase of one of these products, once the store has it.</summary>
    private async Task<string> KeyAsync(string email, params string[] productIds) => await Wait.UntilAsync(async () =>
    {
        await using var db = await session.Get<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
        var customerId = (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).DodoCustomerId;
        var dodoProducts = db.Products.Where(p => productIds.Contains(p.Id)).Select(p => p.DodoProductId);
        return await db.LicenseKeys.AsNoTracking().Where(k => k.DodoCustomerId == customerId && dodoProducts.Contains(k.DodoProductId)).Select(k => k.Key).FirstOrDefaultAsync();
    }, $"the key for {string.Join(" or ", productIds)}");
}
