using Microsoft.EntityFrameworkCore;
using Dodo.Payments;
using Storefront.Web.Features.Payments;

namespace Storefront.Web.Tests;

/// <summary>Saved cards on My account: a customer removes their own card; a plan's card and other people's cards stay.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class SavedCardTests(LiveStore store)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AOneTimeBuyer_RemovesTheirCard_AtDodo_AndOneClickStopsUsingIt()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course");
        var customerId = await shopper.DodoCustomerIdAsync();
        var card = (await store.Get<DodoClient>().ListPaymentMethodsAsync(customerId, Ct)).Items.Single();

        var said = await RemoveAsync(shopper.UserId, card.PaymentMethodId);

        Assert.Equal(SavedCardRemoval.Removed, said);
        Assert.Empty((await store.Get<DodoClient>().ListPaymentMethodsAsync(customerId, Ct)).Items);
        await using var scope = store.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<SavedCards>().ForOneClickAsync(customerId, "USD", Ct));
    }

    [Fact]
    public async Task TheCardAPlanIsBilledTo_IsKept()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("basic-plan");
        var customerId = await shopper.DodoCustomerIdAsync();
        await store.WaitForAsync(db => db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == shopper.UserId), s => s.PaymentMethodId != null, "the subscription");
        var card = (await store.Get<DodoClient>().ListPaymentMethodsAsync(customerId, Ct)).Items.Single();

        var said = await RemoveAsync(shopper.UserId, card.PaymentMethodId);

        Assert.Equal(SavedCardRemoval.BillsThePlan, said);
        Assert.Single((await store.Get<DodoClient>().ListPaymentMethodsAsync(customerId, Ct)).Items);
    }

    [Fact]
    public async Task AnotherCustomersCardId_IsNotRemoved()
    {
        var owner = await store.NewCustomerAsync();
        await owner.BuyAsync("starter-course");
        var ownerCustomerId = await owner.DodoCustomerIdAsync();
        var ownersCard = (await store.Get<DodoClient>().ListPaymentMethodsAsync(ownerCustomerId, Ct)).Items.Single();
        var attacker = await store.NewCustomerAsync();
        await attacker.BuyAsync("starter-course");

        var said = await RemoveAsync(attacker.UserId, ownersCard.PaymentMethodId);

        Assert.Equal("That card is no longer saved.", said);
        Assert.Single((await store.Get<DodoClient>().ListPaymentMethodsAsync(ownerCustomerId, Ct)).Items);
    }

    private async Task<string> RemoveAsync(string userId, string paymentMethodId)
    {
        await using var scope = store.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SavedCardRemoval>().RemoveAsync(userId, paymentMethodId, Ct);
    }
}
