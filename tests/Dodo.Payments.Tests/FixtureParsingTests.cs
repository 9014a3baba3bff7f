using System.Text.Json;
using Dodo.Payments.Json;
using Dodo.Payments.Models;
using Dodo.Payments.Webhooks;
using Storefront.Testing;

namespace Dodo.Payments.Tests;

/// <summary>Every fixture parses with the client's models, and the values land where the store reads them.</summary>
public sealed class FixtureParsingTests
{
    private static readonly Dictionary<string, Type> ModelOf = new()
    {
        ["customer.json"] = typeof(Customer),
        ["customer-payment-methods.response.json"] = typeof(ListResponse<PaymentMethodItem>),
        ["product-one-time.json"] = typeof(Product),
        ["product-subscription.json"] = typeof(Product),
        ["checkout-session-create.request.json"] = typeof(CheckoutSessionRequest),
        ["checkout-session-create.response.json"] = typeof(CheckoutSessionResponse),
        ["checkout-session-status.response.json"] = typeof(CheckoutSessionStatus),
        ["payment-create.request.json"] = typeof(PaymentCreateRequest),
        ["payment-create.response.json"] = typeof(PaymentCreateResponse),
        ["change-plan.request.json"] = typeof(ChangePlanRequest),
        ["change-plan-preview-upgrade.response.json"] = typeof(ChangePlanPreview),
        ["change-plan-preview-downgrade.response.json"] = typeof(ChangePlanPreview),
        ["webhook.payment.succeeded.json"] = typeof(WebhookEvent),
        ["webhook.payment.failed.json"] = typeof(WebhookEvent),
        ["webhook.subscription.active.json"] = typeof(WebhookEvent),
        ["webhook.subscription.plan_changed.json"] = typeof(WebhookEvent),
    };

    public static TheoryData<string> AllFixtures() => new(Fixtures.All());

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Parse_EveryFixture_ParsesWithTheClientModels(string fixture)
    {
        Assert.True(ModelOf.TryGetValue(fixture, out var model), $"No client model is mapped for fixture {fixture}.");

        var parsed = JsonSerializer.Deserialize(Fixtures.Read(fixture), model, DodoJson.Options);

        Assert.NotNull(parsed);
    }

    [Fact]
    public void Parse_PaymentMethods_ReadsCardNetworkLast4AndExpiry()
    {
        var methods = Deserialize<ListResponse<PaymentMethodItem>>("customer-payment-methods.response.json").Items;

        var visa = methods[0];
        Assert.Equal("pm_9Xc2Vb7Nm4Lk8Jh3Gf6Ds", visa.PaymentMethodId);
        Assert.Equal(PaymentMethodCategory.Card, visa.PaymentMethod);
        Assert.Equal("VISA", visa.Card!.CardNetwork);
        Assert.Equal("4242", visa.Card.Last4Digits);
        Assert.True(visa.Card.TryGetExpiry(out var year, out var month));
        Assert.Equal((2032, 6), (year, month));
        Assert.False(methods[1].RecurringEnabled);
    }

    [Fact]
    public void Parse_ProductRetrieve_PriceIsAnObjectWithMinorUnitsAndCurrency()
    {
        var pro = Deserialize<Product>("product-subscription.json");

        Assert.True(pro.IsRecurring);
        Assert.Equal(PriceType.RecurringPrice, pro.Price.Type);
        Assert.Equal(8000, pro.Price.Price);
        Assert.Equal("USD", pro.Price.Currency);
        Assert.Equal(TimeInterval.Month, pro.Price.PaymentFrequencyInterval);
    }

    [Fact]
    public void Parse_UpgradePreview_TotalAndCreditsAreDodosNumbers()
    {
        var preview = Deserialize<ChangePlanPreview>("change-plan-preview-upgrade.response.json");

        Assert.Equal(5000, preview.ImmediateCharge.Summary.TotalAmount);
        Assert.Equal(-3000, preview.ImmediateCharge.Summary.CustomerCredits);
        Assert.Equal("pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh", preview.NewPlan.ProductId);
        Assert.Equal(8000, preview.ImmediateCharge.LineItems.Single().UnitPrice);
    }

    [Fact]
    public void Parse_DowngradePreview_PositiveCustomerCreditsIsTheCreditCreated()
    {
        var preview = Deserialize<ChangePlanPreview>("change-plan-preview-downgrade.response.json");

        Assert.Equal(0, preview.ImmediateCharge.Summary.TotalAmount);
        Assert.Equal(5000, preview.ImmediateCharge.Summary.CustomerCredits);
    }

    [Fact]
    public void Parse_PaymentSucceededWebhook_CustomerAndProductsAreNested()
    {
        var webhook = WebhookEvent.Parse(Fixtures.Bytes("webhook.payment.succeeded.json"));
        var payment = webhook.PaymentData();

        Assert.Equal(WebhookEventTypes.PaymentSucceeded, webhook.Type);
        Assert.Equal("cus_4Fm8Qz2Wx7Lt1Rk9Vp3Nd", payment.Customer.CustomerId);
        Assert.Equal("pdt_6Yw3Kp9Lq2Zx8Vm1Rt4Nb", payment.ProductCart!.Single().ProductId);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal("post_purchase", payment.Metadata!["upsell_source"]);
    }

    [Fact]
    public void Parse_PaymentFailedWebhook_CarriesTheDeclineCode()
    {
        var payment = WebhookEvent.Parse(Fixtures.Bytes("webhook.payment.failed.json")).PaymentData();

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("INSUFFICIENT_FUNDS", payment.ErrorCode);
    }

    [Fact]
    public void Parse_SubscriptionWebhook_AsPaymentData_Throws()
    {
        var webhook = WebhookEvent.Parse(Fixtures.Bytes("webhook.subscription.plan_changed.json"));

        Assert.Equal(8000, webhook.SubscriptionData().RecurringPreTaxAmount);
        Assert.Throws<InvalidOperationException>(webhook.PaymentData);
    }

    [Fact]
    public void Parse_UnknownEnumValueAndUnknownField_AreTolerated()
    {
        var json = Fixtures.Read("checkout-session-status.response.json")
            .Replace("\"succeeded\"", "\"some_future_status\"", StringComparison.Ordinal)
            .Replace("\"id\":", "\"brand_new_field\": {\"x\": 1}, \"id\":", StringComparison.Ordinal);

        var status = JsonSerializer.Deserialize<CheckoutSessionStatus>(json, DodoJson.Options)!;

        Assert.Equal(PaymentStatus.Unknown, status.PaymentStatus);
    }

    [Fact]
    public void Parse_MetadataWithNumberAndBoolean_ReadsThemAsText()
    {
        var json = """{"customer_id":"cus_1","email":"a@b.c","name":"A","metadata":{"n":42,"b":true,"s":"x"}}""";

        var customer = JsonSerializer.Deserialize<CustomerSummary>(json, DodoJson.Options)!;

        Assert.Equal(("42", "true", "x"), (customer.Metadata!["n"], customer.Metadata["b"], customer.Metadata["s"]));
    }

    [Fact]
    public void Parse_CustomerMissingRequiredEmail_Throws()
    {
        var json = """{"customer_id":"cus_1","business_id":"bus_1","name":"A","created_at":"2026-09-01T09:27:44Z"}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Customer>(json, DodoJson.Options));
    }

    internal static T Deserialize<T>(string fixture) => JsonSerializer.Deserialize<T>(Fixtures.Read(fixture), DodoJson.Options)!;
}
