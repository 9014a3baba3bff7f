using Dodo.Payments.Webhooks;

namespace Dodo.Sandbox.Tests;

[Collection(SandboxCollection.Name)]
public sealed class WebhookDeliveryTests(SandboxHost host) : IDisposable
{
    public void Dispose()
    {
        host.Controls.Reset();
        host.FailNextWebhooks(0);
    }

    [Fact]
    public async Task Delivery_ReceiverAnswers500_IsRetriedWithTheSameWebhookId()
    {
        host.FailNextWebhooks(2);

        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);

        var paymentId = purchase.Query("payment_id")!;
        var webhook = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded && w.Event.PaymentData().PaymentId == paymentId, "retried payment.succeeded");
        Assert.Equal(WebhookVerification.Valid, webhook.Verification);
        Assert.Single(host.Received, w => w.WebhookId == webhook.WebhookId);
    }

    [Fact]
    public async Task DuplicateSwitch_DeliversEachEventTwiceWithOneWebhookId()
    {
        host.Controls.DuplicateDeliveries = true;

        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);

        var paymentId = purchase.Query("payment_id")!;
        var first = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded && w.Event.PaymentData().PaymentId == paymentId, "first copy");
        await WaitUntilAsync(() => host.Received.Count(w => w.WebhookId == first.WebhookId) == 2, "second copy");
    }

    [Fact]
    public async Task HoldThenNewestFirst_DeliversABatchInReverseOrder()
    {
        host.Controls.HoldDeliveries = true;
        host.Controls.DeliverNewestFirst = true;
        var subscription = await new PlanChangeTests(host).SubscribeAsync(SandboxHost.Basic, Shopper.Visa);
        // The dispatcher has looked at the queue twice since, and held everything: nothing went out.
        var passes = host.Controls.HeldPasses;
        await WaitUntilAsync(() => host.Controls.HeldPasses >= passes + 2, "the dispatcher to hold a pass");
        Assert.Empty(host.WebhooksFor(subscription.SubscriptionId));

        host.Controls.HoldDeliveries = false;

        await WaitUntilAsync(() => host.WebhooksFor(subscription.SubscriptionId).Count() >= 2, "held events");
        var order = host.WebhooksFor(subscription.SubscriptionId).Select(w => w.Event.Type).ToList();
        Assert.Equal(WebhookEventTypes.SubscriptionActive, order[0]);
        Assert.Equal(WebhookEventTypes.PaymentSucceeded, order[1]);
    }

    [Fact]
    public async Task EveryDelivery_IsSignedWithTheConfiguredSecret()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);
        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.PaymentSucceeded
            && w.Event.PaymentData().PaymentId == purchase.Query("payment_id"), "this purchase's payment.succeeded");

        Assert.NotEmpty(host.Received);
        // Every event arrives with a valid signature (a delivery that raced a clock move is refused and sent again).
        Assert.All(host.Received.GroupBy(w => w.WebhookId), deliveries =>
            Assert.Contains(deliveries, w => w.Verification == WebhookVerification.Valid));
        Assert.DoesNotContain(host.Received, w => w.Verification == WebhookVerification.NoMatchingSignature);
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) =>
        Storefront.Testing.Wait.UntilAsync(() => Task.FromResult(condition()), what);
}
