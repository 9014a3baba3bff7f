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
        await Task.Delay(300, TestContext.Current.CancellationToken);
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
        await Shopper.BuyAsync(host, SandboxHost.Addon);
        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.NotEmpty(host.Received);
        Assert.All(host.Received, w => Assert.Equal(WebhookVerification.Valid, w.Verification));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "Timed out waiting for " + what);
    }
}
