using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Identity;

namespace Storefront.Web.Features.Api;

/// <summary>
/// JSON API for other front ends, shaped like Dodo's upsell guide but secured: a signed-in customer may only use their
/// own id (their Dodo customer id or account id), an admin any. Prices and products always come from the server.
/// </summary>
public static class UpsellApi
{
    public static IEndpointRouteBuilder MapUpsellApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/upsell").RequireAuthorization();
        group.MapGet("/{customerId}", GetOfferAsync);
        group.MapPost("/{customerId}/accept", AcceptAsync);
        return app;
    }

    internal static async Task<Results<Ok<UpsellOfferResponse>, ForbidHttpResult, ProblemHttpResult>> GetOfferAsync(
        string customerId, ClaimsPrincipal principal, IDbContextFactory<StorefrontDbContext> dbFactory, OfferService offers, CancellationToken cancellationToken)
    {
        var userId = await ResolveAsync(customerId, principal, dbFactory, cancellationToken);
        if (userId.Forbidden)
        {
            return TypedResults.Forbid();
        }

        if (userId.Id is null)
        {
            return ApiProblem.Of(StatusCodes.Status404NotFound, "unknown_customer", "No customer has that id.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recentPaid = await db.Orders.AsNoTracking()
            .Where(o => o.UserId == userId.Id && o.Status == OrderStatus.Paid && o.Kind == OrderKind.Purchase)
            .OrderByDescending(o => o.PaidAt).Select(o => o.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var orderId in recentPaid)
        {
            var offer = await offers.PostPurchaseOfferAsync(userId.Id, orderId, cancellationToken);
            if (offer is { Status: OfferAttemptStatus.Shown })
            {
                return TypedResults.Ok(UpsellOfferResponse.From(orderId, offer));
            }
        }

        return TypedResults.Ok(new UpsellOfferResponse(false, "No offer is open for this customer.", null, null, null));
    }

    internal static async Task<IResult> AcceptAsync(
        string customerId, AcceptRequest? request, ClaimsPrincipal principal, IDbContextFactory<StorefrontDbContext> dbFactory,
        OfferService offers, OfferAcceptance acceptance, CancellationToken cancellationToken)
    {
        var userId = await ResolveAsync(customerId, principal, dbFactory, cancellationToken);
        if (userId.Forbidden)
        {
            return TypedResults.Forbid();
        }

        if (userId.Id is null)
        {
            return ApiProblem.Of(StatusCodes.Status404NotFound, "unknown_customer", "No customer has that id.");
        }

        if (request is null || !Guid.TryParse(request.AttemptId, out var attemptId))
        {
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "invalid_request", "Send {\"attemptId\": \"…\"} from GET /api/upsell/{customerId}.");
        }

        var offer = await offers.FindAsync(userId.Id, attemptId, cancellationToken);
        if (offer is null)
        {
            return ApiProblem.Of(StatusCodes.Status404NotFound, "unknown_offer", "That offer is not this customer's.");
        }

        if ((request.ProductId is not null && request.ProductId != offer.Offer.Id)
            || (request.Amount is not null && request.Amount != offer.TotalFor(request.Quantity ?? 1).Minor)
            || (request.Currency is not null && request.Currency != offer.Charge.Currency))
        {
            return ApiProblem.Of(StatusCodes.Status409Conflict, "offer_mismatch", "The product or price sent does not match the offer. Prices and products come from the server; nothing was charged.");
        }

        var result = await acceptance.AcceptAsync(userId.Id, attemptId, request.Quantity ?? 1, cancellationToken);
        var body = new AcceptResponse(Wire(result.Outcome), result.Message, result.OrderId, result.PaymentId, result.CustomerActionUrl);
        return result.Outcome switch
        {
            AcceptOutcome.Submitted or AcceptOutcome.Unknown => TypedResults.Accepted((string?)null, body),
            AcceptOutcome.AlreadyClaimed => TypedResults.Ok(body),
            AcceptOutcome.Failed => TypedResults.Json(body, statusCode: StatusCodes.Status402PaymentRequired),
            AcceptOutcome.NeedsCheckout or AcceptOutcome.Refused => TypedResults.Conflict(body),
            AcceptOutcome.TooManyRequests => ApiProblem.TooManyRequests(result.RetryAfter, result.Message),
        };
    }

    private static string Wire(AcceptOutcome outcome) => outcome switch
    {
        AcceptOutcome.Submitted => "submitted",
        AcceptOutcome.AlreadyClaimed => "already_claimed",
        AcceptOutcome.Failed => "failed",
        AcceptOutcome.Unknown => "unknown",
        AcceptOutcome.NeedsCheckout => "needs_checkout",
        AcceptOutcome.Refused => "refused",
        AcceptOutcome.TooManyRequests => "too_many_requests",
    };

    /// <summary>The account the id names, if the caller may act for it.</summary>
    private static async Task<(string? Id, bool Forbidden)> ResolveAsync(
        string customerId, ClaimsPrincipal principal, IDbContextFactory<StorefrontDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await db.Users.AsNoTracking().Where(u => u.DodoCustomerId == customerId || u.Id == customerId)
            .Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var self = principal.UserId();
        if (principal.IsInRole(Roles.Admin))
        {
            return (target, false);
        }

        return target is not null && target == self ? (target, false) : (null, true);
    }
}
