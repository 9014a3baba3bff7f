using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Email;

namespace Storefront.Web.Tests;

/// <summary>The outbox worker against a real SMTP server process (aiosmtpd): delivery, retries with backoff, exactly one copy.</summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    private SmtpServer smtp = default!;
    private LiveStore store = default!;

    private StorefrontAppFactory App => store.App;

    public async ValueTask InitializeAsync()
    {
        smtp = await SmtpServer.StartAsync();
        store = new MailingStore(smtp.Port);
        await store.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task PaidOrder_SendsAReceiptWithTheAmountAndAnOrderLink()
    {
        var shopper = await store.NewCustomerAsync();

        var order = await shopper.BuyAsync("starter-course");

        var receipt = await smtp.WaitForAsync(m => m.To.Contains(shopper.Email, StringComparison.Ordinal), "the receipt");
        Assert.Equal("Receipt: Starter course", receipt.Subject);
        Assert.Contains("$49.00", receipt.Text, StringComparison.Ordinal);
        Assert.Equal(new Uri(store.BaseUrl, $"orders/{order.Id}"), receipt.Link);
    }

    [Fact]
    public async Task DeclinedOneClickCharge_SendsAPaymentProblemEmail()
    {
        var shopper = await store.NewCustomerAsync();
        await shopper.BuyAsync("starter-course", "4000000000000341");
        await using var scope = store.Services.CreateAsyncScope();
        var offer = await scope.ServiceProvider.GetRequiredService<Storefront.Web.Features.Offers.OfferService>()
            .PostPurchaseOfferAsync(shopper.UserId, (await FirstOrderAsync(shopper.UserId)).Id, TestContext.Current.CancellationToken);

        await scope.ServiceProvider.GetRequiredService<Storefront.Web.Features.Offers.OfferAcceptance>()
            .AcceptAsync(shopper.UserId, offer!.AttemptId, 1, TestContext.Current.CancellationToken);

        var problem = await smtp.WaitForAsync(m => m.To.Contains(shopper.Email, StringComparison.Ordinal) && m.Subject.StartsWith("We couldn't charge", StringComparison.Ordinal), "the payment-problem email");
        Assert.Equal("We couldn't charge your card for Complete bundle", problem.Subject);
        Assert.Contains("nothing was charged", problem.Text, StringComparison.Ordinal);
    }

    private async Task<Storefront.Web.Features.Orders.Order> FirstOrderAsync(string userId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
        return await db.Orders.AsNoTracking().FirstAsync(o => o.UserId == userId);
    }

    [Fact]
    public async Task QueuedEmail_IsDeliveredOnceAsTextAndHtml()
    {
        var to = $"reader-{Guid.NewGuid():N}@storefront.test";

        await App.Services.GetRequiredService<EmailQueue>().SendAsync(
            new OutgoingEmail(to, "Hello from the outbox", ["First paragraph."], ("Open the store", new Uri("https://shop.example/orders/1"))),
            "test:" + to, TestContext.Current.CancellationToken);

        var received = await smtp.WaitForAsync(m => m.To.Contains(to, StringComparison.Ordinal), "the queued email");
        Assert.Equal("Hello from the outbox", received.Subject);
        Assert.Contains("First paragraph.", received.Text, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://shop.example/orders/1"), received.Link);
        Assert.Contains("<a href=\"https://shop.example/orders/1\"", received.Html, StringComparison.Ordinal);
        await WaitSentAsync(to);
        Assert.Single(smtp.Messages(), m => m.To.Contains(to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameCause_QueuedTwice_SendsOneEmail()
    {
        var to = $"twice-{Guid.NewGuid():N}@storefront.test";
        var queue = App.Services.GetRequiredService<EmailQueue>();
        var email = new OutgoingEmail(to, "Only once", ["Body."]);

        await Task.WhenAll(queue.SendAsync(email, "same-cause:" + to, TestContext.Current.CancellationToken),
            queue.SendAsync(email, "same-cause:" + to, TestContext.Current.CancellationToken));

        await WaitSentAsync(to);
        Assert.Single(smtp.Messages(), m => m.To.Contains(to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmtpServerDown_SendIsRetriedWithBackoff_ThenDeliveredOnce()
    {
        var to = $"retry-{Guid.NewGuid():N}@storefront.test";
        await smtp.StopAsync();

        await App.Services.GetRequiredService<EmailQueue>().SendAsync(new OutgoingEmail(to, "After an outage", ["Body."]), "retry:" + to, TestContext.Current.CancellationToken);

        var failed = await WaitForMessageAsync(to, m => m.Attempts >= 2 && m.LastError is not null, "two failed attempts");
        Assert.Null(failed.SentAt);
        Assert.NotNull(failed.NextAttemptAt);
        Assert.True(failed.NextAttemptAt > failed.CreatedAt.AddSeconds(0.2), "the next attempt waits (backoff)");

        await smtp.StartAgainAsync();
        await smtp.WaitForAsync(m => m.To.Contains(to, StringComparison.Ordinal), "the email after the server came back", 30_000);
        var sent = await WaitSentAsync(to);
        Assert.Null(sent.LastError);
        Assert.Single(smtp.Messages(), m => m.To.Contains(to, StringComparison.Ordinal));
    }

    private sealed class MailingStore(int smtpPort) : LiveStore(new StorefrontAppFactory()
        .WithSetting("Email:Smtp:Host", "127.0.0.1")
        .WithSetting("Email:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithSetting("Email:Smtp:EnableSsl", "false")
        .WithSetting("Email:RetryDelaySeconds", "0.2"));

    private Task<EmailOutboxMessage> WaitSentAsync(string to) => WaitForMessageAsync(to, m => m.SentAt is not null, "the outbox to record the send");

    private async Task<EmailOutboxMessage> WaitForMessageAsync(string to, Func<EmailOutboxMessage, bool> done, string what)
    {
        var dbFactory = App.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>();
        EmailOutboxMessage? last = null;
        try
        {
            return await Wait.UntilAsync(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                last = await db.EmailOutbox.AsNoTracking().FirstOrDefaultAsync(m => m.To == to);
                return last is not null && done(last) ? last : null;
            }, what, 30_000);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message} Last seen: attempts {last?.Attempts}, error {last?.LastError}, sent {last?.SentAt}.", timeout);
        }
    }
}
