using Microsoft.AspNetCore.Http.HttpResults;
using Storefront.Web.Features.Offers;

namespace Storefront.Web.Features.Api;

public sealed record ApiMoney(long Amount, string Currency, string Formatted);

public sealed record ApiProduct(string Id, string Name, string Kind);

public sealed record ApiPaymentMethod(string Id, string Network, string Last4, int ExpiryMonth, int ExpiryYear);

/// <summary>
/// <see cref="Price"/> is what one click charges for one (the upgrade price for a customer who owns part of the product,
/// after any discount); <see cref="ListPrice"/> is the price before the discount, null when there is none;
/// <see cref="Difference"/> is a plan offer's change per period; <see cref="ExpiresAt"/> is when the offer closes (UTC),
/// null when it stays open.
/// </summary>
public sealed record ApiOffer(Guid AttemptId, long RuleId, string Kind, string Headline, string Value, string? Badge, ApiProduct Product, ApiMoney Price, ApiMoney? Difference, bool OneClick,
    DateTime? ExpiresAt = null, int MaxQuantity = 1, ApiMoney? ListPrice = null, int? DiscountPercent = null);

public sealed record UpsellOfferResponse(bool Eligible, string? Reason, Guid? OrderId, ApiOffer? Offer, ApiPaymentMethod? PaymentMethod)
{
    public static UpsellOfferResponse From(Guid orderId, OfferView view) => new(
        true, null, orderId,
        new ApiOffer(view.AttemptId, view.RuleId, view.IsPlanChange ? "plan_change" : view.IsNewPlan ? "new_plan" : view.Kind.ToString(), view.Headline, view.ValueText, view.Badge,
            new ApiProduct(view.Offer.Id, view.Offer.Name, view.Offer.Kind.ToString()),
            Api(view.TotalFor(1)),
            view.IsPlanChange && view.Difference is { } d ? Api(d) : null,
            OneClick: view.Card is not null && !view.IsPlanChange, ExpiresAt: view.ExpiresAt, MaxQuantity: view.MaxQuantity,
            ListPrice: view.DiscountPercent is null ? null : Api(view.ListTotalFor(1)), DiscountPercent: view.DiscountPercent),
        view.Card is { } card ? new ApiPaymentMethod(card.PaymentMethodId, card.Network, card.Last4, card.ExpiryMonth, card.ExpiryYear) : null);

    private static ApiMoney Api(Storefront.Domain.Money money) => new(money.Minor, money.Currency, money.Format());
}

/// <summary>Only <see cref="AttemptId"/> is needed. Product and amount may be sent to be checked, never to set a price.</summary>
/// <param name="Quantity">How many (1 when absent), up to the offer's <c>maxQuantity</c>; <paramref name="Amount"/>, when sent, is for that many.</param>
public sealed record AcceptRequest(string? AttemptId, string? ProductId = null, long? Amount = null, string? Currency = null, int? Quantity = null);

/// <param name="NextActionUrl">With "submitted": the customer's bank wants them to confirm the charge on this page (3-D Secure).</param>
public sealed record AcceptResponse(string Status, string Message, Guid? OrderId, string? PaymentId, Uri? NextActionUrl = null);

/// <summary>API errors as RFC 9457 ProblemDetails, with a stable machine-readable <c>code</c>.</summary>
internal static class ApiProblem
{
    public static ProblemHttpResult Of(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static IResult TooManyRequests(TimeSpan retryAfter, string detail) => new RetryAfterResult(retryAfter,
        Of(StatusCodes.Status429TooManyRequests, "too_many_requests", detail));

    private sealed class RetryAfterResult(TimeSpan retryAfter, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
