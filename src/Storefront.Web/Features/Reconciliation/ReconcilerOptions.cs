using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Features.Reconciliation;

/// <summary>Settings under "Reconciler": how often, and after how long, unfinished money actions are settled by lookup.</summary>
public sealed class ReconcilerOptions
{
    public const string Section = "Reconciler";

    /// <summary>How often the reconciler looks for unfinished attempts, orders and plan changes.</summary>
    [Range(0.05, 3600)] public double IntervalSeconds { get; set; } = 15;

    /// <summary>
    /// A claimed charge with no answer recorded after this long is looked up (its request has timed out by then, or the
    /// process stopped between the claim and the request). Keep it above Dodo:TimeoutSeconds.
    /// </summary>
    [Range(0.1, 3600)] public double StaleAfterSeconds { get; set; } = 45;

    /// <summary>
    /// When a lookup still finds no payment this long after the claim, Dodo did not take one: the attempt ends as not
    /// charged. Until then the customer is told only that the payment is being confirmed.
    /// </summary>
    [Range(0.1, 86_400)] public double GiveUpAfterSeconds { get; set; } = 120;

    /// <summary>A submitted charge or plan change whose webhook has not arrived after this long is looked up at Dodo.</summary>
    [Range(0.1, 86_400)] public double WebhookLateAfterSeconds { get; set; } = 60;

    /// <summary>A plan change left waiting for the customer to pay with another card ends as abandoned after this long.</summary>
    [Range(0.1, 2_592_000)] public double AbandonAfterSeconds { get; set; } = 86_400;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    /// <summary>The same waits, as the claimed-action state machine takes them.</summary>
    public Storefront.Domain.MoneyActions.ReconcileTimings Timings => new(StaleAfter, WebhookLateAfter, GiveUpAfter, TimeSpan.FromSeconds(AbandonAfterSeconds));

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(StaleAfterSeconds);

    public TimeSpan GiveUpAfter => TimeSpan.FromSeconds(GiveUpAfterSeconds);

    public TimeSpan WebhookLateAfter => TimeSpan.FromSeconds(WebhookLateAfterSeconds);
}
