using Microsoft.EntityFrameworkCore;
using Storefront.Web.Data;
using Storefront.Web.Features.Live;
using Storefront.Web.Features.Reconciliation;

namespace Storefront.Web.Features.Offers;

/// <summary>
/// Closes offers whose deadline has passed by the server's clock: when an accept or the card's countdown reaches it,
/// and in the background (the reconciler), so an expired offer ends even when no page is open. Only an offer still
/// shown closes; one already claimed by an accept is left to finish its charge.
/// </summary>
public sealed class ExpiredOffers(IDbContextFactory<StorefrontDbContext> dbFactory, CustomerChanges notifier, TimeProvider clock) : IMoneySettlement
{
    public const string Message = "This offer has expired. Nothing was charged.";

    public string What => "expired offer";

    public async Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OfferAttempts.AsNoTracking()
            .Where(a => a.Status == OfferAttemptStatus.Shown && a.ExpiresAt <= now)
            .OrderBy(a => a.ExpiresAt).Select(a => a.Id).Take(100).ToListAsync(cancellationToken);
    }

    public Task<bool> SettleAsync(Guid id, CancellationToken cancellationToken) => CloseIfDueAsync(id, cancellationToken);

    /// <summary>Closes the offer if it is still shown and its deadline has passed; true when it is closed now.</summary>
    public async Task<bool> CloseIfDueAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        OfferAttemptStages.EnsureCanMove(OfferAttemptStatus.Shown, OfferAttemptStatus.Expired);
        var closed = await db.OfferAttempts
            .Where(a => a.Id == attemptId && a.Status == OfferAttemptStatus.Shown && a.ExpiresAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, OfferAttemptStatus.Expired).SetProperty(a => a.DecidedAt, now), CancellationToken.None);
        if (closed == 1)
        {
            var userId = await db.OfferAttempts.Where(a => a.Id == attemptId).Select(a => a.UserId).SingleAsync(CancellationToken.None);
            await notifier.NotifyAsync(userId); // every open page of the customer shows the offer closed
        }

        return closed == 1 || await db.OfferAttempts.AnyAsync(a => a.Id == attemptId && a.Status == OfferAttemptStatus.Expired, cancellationToken);
    }
}
