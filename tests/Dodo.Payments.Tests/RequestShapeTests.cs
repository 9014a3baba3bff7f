using System.Text.Json;
using System.Text.Json.Nodes;
using Dodo.Payments.Json;
using Dodo.Payments.Models;
using Storefront.Testing;

namespace Dodo.Payments.Tests;

/// <summary>The bodies the client sends have the fixtures' shapes, key for key.</summary>
public sealed class RequestShapeTests
{
    private static readonly BillingAddress Billing = new()
    {
        Country = "US", State = "CA", City = "San Francisco", Street = "500 Howard St", Zipcode = "94105",
    };

    [Fact]
    public void Serialize_OneClickCheckoutSession_MatchesTheFixture()
    {
        var request = new CheckoutSessionRequest
        {
            ProductCart = [new ProductCartItem { ProductId = "pdt_6Yw3Kp9Lq2Zx8Vm1Rt4Nb", Quantity = 1 }],
            Customer = CustomerRequest.Existing("cus_4Fm8Qz2Wx7Lt1Rk9Vp3Nd"),
            PaymentMethodId = "pm_9Xc2Vb7Nm4Lk8Jh3Gf6Ds",
            Confirm = true,
            BillingAddress = Billing,
            ReturnUrl = "https://shop.example.com/upsell/complete",
            FeatureFlags = new CheckoutFeatureFlags { RedirectImmediately = true },
            Metadata = new() { ["order_ref"] = "ord_1042", ["upsell_source"] = "post_purchase" },
        };

        AssertSameJson("checkout-session-create.request.json", request);
    }

    [Fact]
    public void Serialize_ChangePlan_MatchesTheFixtureWithSnakeCaseEnums()
    {
        var request = new ChangePlanRequest
        {
            ProductId = "pdt_8Pr5Nz2Kw7Xq4Lm9Vt1Bh",
            Quantity = 1,
            ProrationBillingMode = ProrationBillingMode.DifferenceImmediately,
            EffectiveAt = ChangeEffectiveAt.Immediately,
            OnPaymentFailure = OnPaymentFailure.PreventChange,
            Metadata = new() { ["change_ref"] = "chg_0007", ["direction"] = "upgrade" },
        };

        AssertSameJson("change-plan.request.json", request);
    }

    [Fact]
    public void Serialize_PaymentCreate_MatchesTheFixture()
    {
        var request = new PaymentCreateRequest
        {
            ProductCart = [new ProductCartItem { ProductId = "pdt_6Yw3Kp9Lq2Zx8Vm1Rt4Nb", Quantity = 1 }],
            Customer = CustomerRequest.Existing("cus_4Fm8Qz2Wx7Lt1Rk9Vp3Nd"),
            Billing = Billing,
            PaymentMethodId = "pm_9Xc2Vb7Nm4Lk8Jh3Gf6Ds",
            ReturnUrl = "https://shop.example.com/cross-sell/complete",
            Metadata = new() { ["order_ref"] = "ord_1043", ["purchase_type"] = "cross_sell" },
        };

        AssertSameJson("payment-create.request.json", request);
    }

    [Fact]
    public void Serialize_NewCustomerUnion_SendsEmailAndNameOnly()
    {
        var json = JsonSerializer.Serialize(CustomerRequest.New("ana@example.com", "Ana"), DodoJson.Options);

        Assert.Equal("""{"email":"ana@example.com","name":"Ana"}""", json);
    }

    private static void AssertSameJson(string fixture, object request)
    {
        var expected = JsonNode.Parse(Fixtures.Read(fixture));
        var actual = JsonNode.Parse(JsonSerializer.Serialize(request, request.GetType(), DodoJson.Options));

        Assert.Empty(JsonShape.Differences(expected, actual));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected {expected!.ToJsonString()}\nActual   {actual!.ToJsonString()}");
    }
}
