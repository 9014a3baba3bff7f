using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Storefront.Web.Features.Live;
using Storefront.Web.Features.Webhooks;

namespace Storefront.Web.Tests;

/// <summary>Live updates: each of a customer's pages is told once per change, and a failing page fails nothing else.</summary>
public sealed class LiveUpdatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachPageOfTheCustomer_IsToldOnce_OtherCustomersAreNot_AndADisposedPageNoMore()
    {
        var changes = new CustomerChanges(new SingleInstanceRelay(), NullLogger<CustomerChanges>.Instance);
        var (first, second, other) = (0, 0, 0);
        using var tab1 = changes.Subscribe("ana", () => { Interlocked.Increment(ref first); return Task.CompletedTask; });
        var tab2 = changes.Subscribe("ana", () => { Interlocked.Increment(ref second); return Task.CompletedTask; });
        using var someoneElse = changes.Subscribe("ben", () => { Interlocked.Increment(ref other); return Task.CompletedTask; });

        await changes.NotifyAsync("ana");
        tab2.Dispose();
        await changes.NotifyAsync("ana");

        Assert.Equal((2, 1, 0), (first, second, other));
        Assert.Equal(1, changes.ListenerCount("ana"));
    }

    [Fact]
    public async Task AFailingPage_DoesNotFailTheNotification_NorStopTheOtherPages()
    {
        var changes = new CustomerChanges(new SingleInstanceRelay(), NullLogger<CustomerChanges>.Instance);
        var told = 0;
        using var broken = changes.Subscribe("ana", () => throw new InvalidOperationException("the page broke"));
        using var brokenLater = changes.Subscribe("ana", () => Task.FromException(new ObjectDisposedException("circuit")));
        using var fine = changes.Subscribe("ana", () => { Interlocked.Increment(ref told); return Task.CompletedTask; });

        await changes.NotifyAsync("ana");

        Assert.Equal(1, told);
    }
}

/// <summary>The webhook that changed a customer's state is processed even when one of their open pages fails.</summary>
[Collection(LiveStoreCollection.Name)]
public sealed class LiveUpdatesWebhookTests(LiveStore store)
{
    [Fact]
    public async Task APageThatThrows_NeverFailsThePaymentWebhook()
    {
        var shopper = await store.NewCustomerAsync();
        var calls = 0;
        using var broken = store.Get<CustomerChanges>().Subscribe(shopper.UserId, () =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("the page broke");
        });

        var order = await shopper.BuyAsync("starter-course");

        Assert.True(calls > 0, "the page was told about the change");
        var entry = await store.WaitForAsync(db => db.WebhookInbox.AsNoTracking()
                .FirstOrDefaultAsync(e => e.EventType == "payment.succeeded" && e.Payload.Contains(order.PaymentId!)),
            e => e.Status is not (WebhookProcessingStatus.Received or WebhookProcessingStatus.Processing), "the payment webhook to be handled");
        Assert.Equal(WebhookProcessingStatus.Processed, entry.Status);
    }
}
