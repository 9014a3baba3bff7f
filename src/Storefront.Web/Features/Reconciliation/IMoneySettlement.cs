namespace Storefront.Web.Features.Reconciliation;

/// <summary>
/// One kind of money action the reconciler brings to an end (offer charges, offers past their deadline, plan changes,
/// checkout orders). Each
/// feature registers its own; the reconciler knows none of them by name.
/// </summary>
public interface IMoneySettlement
{
    /// <summary>What is settled, for the log ("offer attempt", "plan change", …).</summary>
    string What { get; }

    /// <summary>The actions to look up now.</summary>
    Task<IReadOnlyList<Guid>> DueAsync(CancellationToken cancellationToken);

    /// <summary>Looks one action up (at Dodo, or the clock) and applies what is found; true when it reached an end state.</summary>
    Task<bool> SettleAsync(Guid id, CancellationToken cancellationToken);
}
