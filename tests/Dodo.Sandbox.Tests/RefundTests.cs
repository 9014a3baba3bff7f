using System.Net;
using System.Net.Http.Json;
using Dodo.Payments;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Storefront.Testing;

namespace Dodo.Sandbox.Tests;

/// <summary>POST/GET /refunds and refund.* webhooks (openapi.yml Refunds): pending first, then succeeded or failed.</summary>
[Collection(SandboxCollection.Name)]
public sealed class RefundTests(SandboxHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFullRefund_IsPendingThenSucceeded_AnnouncedAndShownOnThePayment()
    {
        var paymentId = await PaidAsync();

        var refund = await host.Client.CreateRefundAsync(new CreateRefundRequest { PaymentId = paymentId, Reason = "Changed my mind" }, Ct);

        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal(1900, refund.Amount);
        Assert.False(refund.IsPartial);
        Assert.NotNull(refund.Customer);
        var announced = await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.RefundSucceeded && w.Event.RefundData().RefundId == refund.RefundId, "refund.succeeded");
        Assert.Equal(RefundStatus.Succeeded, announced.Event.RefundData().Status);
        Assert.Equal("USD", announced.Event.RefundData().Currency);
        var payment = await host.Client.GetPaymentAsync(paymentId, Ct);
        Assert.Equal("full", payment.RefundStatus);
        Assert.Equal(refund.RefundId, Assert.Single(payment.Refunds!).RefundId);
        Assert.Equal(RefundStatus.Succeeded, (await host.Client.GetRefundAsync(refund.RefundId, Ct)).Status);
    }

    [Fact]
    public async Task APartialRefund_OfAnItem_LeavesTheRestRefundable_AndNeverMoreThanWasPaid()
    {
        var paymentId = await PaidAsync();

        var part = await host.Client.CreateRefundAsync(new CreateRefundRequest
        {
            PaymentId = paymentId, Items = [new PartialRefundItem { ItemId = SandboxHost.Addon, Amount = 500 }],
        }, Ct);
        var tooMuch = await Assert.ThrowsAsync<DodoApiException>(() => host.Client.CreateRefundAsync(new CreateRefundRequest
        {
            PaymentId = paymentId, Items = [new PartialRefundItem { ItemId = SandboxHost.Addon, Amount = 1500 }],
        }, Ct));
        var rest = await host.Client.CreateRefundAsync(new CreateRefundRequest { PaymentId = paymentId }, Ct);

        Assert.True(part.IsPartial);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.Status);
        Assert.Equal(1400, rest.Amount);
        await Wait.UntilAsync(async () => (await host.Client.GetPaymentAsync(paymentId, Ct)).RefundStatus == "full", "both refunds to succeed");
        await Assert.ThrowsAsync<DodoApiException>(() => host.Client.CreateRefundAsync(new CreateRefundRequest { PaymentId = paymentId }, Ct));
    }

    [Fact]
    public async Task ARefundTheBankRefuses_EndsFailed_WithRefundFailed_AndTheMoneyStaysRefundable()
    {
        var paymentId = await PaidAsync();
        using (var set = await host.Http.PostAsJsonAsync("_sandbox/controls", new { fail_next_refunds = 1 }, Ct))
        {
            set.EnsureSuccessStatusCode();
        }

        var refund = await host.Client.CreateRefundAsync(new CreateRefundRequest { PaymentId = paymentId }, Ct);

        await host.WaitForWebhookAsync(w => w.Event.Type == WebhookEventTypes.RefundFailed && w.Event.RefundData().RefundId == refund.RefundId, "refund.failed");
        Assert.Null((await host.Client.GetPaymentAsync(paymentId, Ct)).RefundStatus);
        var again = await host.Client.CreateRefundAsync(new CreateRefundRequest { PaymentId = paymentId }, Ct);
        Assert.Equal(1900, again.Amount);
        var listed = await host.Client.ListRefundsAsync(new RefundListQuery { CustomerId = refund.Customer!.CustomerId }, Ct);
        Assert.Equal(2, listed.Items.Count);
    }

    [Fact]
    public async Task AFailedPayment_CannotBeRefunded()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon, Shopper.GenericDecline);
        var failed = (await host.Client.ListPaymentsAsync(new PaymentListQuery { CustomerId = purchase.CustomerId }, Ct)).Items.Single();

        var refused = await Assert.ThrowsAsync<DodoApiException>(() => host.Client.CreateRefundAsync(new CreateRefundRequest { PaymentId = failed.PaymentId }, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
    }

    private async Task<string> PaidAsync()
    {
        var purchase = await Shopper.BuyAsync(host, SandboxHost.Addon);
        return purchase.Query("payment_id")!;
    }
}
