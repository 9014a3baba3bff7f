namespace Dodo.Sandbox.Billing;

/// <summary>
/// The change-plan arithmetic, one function for both preview and change so they agree to the cent.
/// Documented behaviour and what is inferred are marked in docs/dodo-sandbox.md ("Proration").
/// </summary>
internal static class Proration
{
    internal sealed record Input(
        string Mode,
        long OldRecurring,
        long NewUnitPrice,
        int NewQuantity,
        long ExistingCredit,
        DateTime PreviousBillingDate,
        DateTime NextBillingDate,
        DateTime Now,
        bool RestartsPeriod = false,
        bool InTrial = false);

    internal sealed record Result(
        double ProrationFactor,
        long Gross,
        long TotalAmount,
        long CustomerCredits,
        long CreditAfter,
        bool HasLineItem);

    /// <summary>
    /// r = whole UTC days left in the period / days in the period [INF: Dodo does not document the unit; days keep
    /// a preview valid for the rest of the day]. gross = new price × quantity × factor. The old plan's value returned
    /// (the offset) plus any credit already on the subscription pays for gross first; what is left over becomes credit.
    /// </summary>
    public static Result Calculate(Input input)
    {
        var periodDays = Math.Max(1, (input.NextBillingDate.Date - input.PreviousBillingDate.Date).Days);
        var remainingDays = Math.Clamp((input.NextBillingDate.Date - input.Now.Date).Days, 0, periodDays);
        var r = (double)remainingDays / periodDays;

        // [INF] A plan billed at another interval (monthly → yearly) cannot share the current period: the new plan's
        // period starts today, so its price is charged in full, less what is left of the old period (prorated).
        var newFactor = input.RestartsPeriod ? 1.0 : r;
        // [DOCnew] A trial ends at any immediate change and the new plan is charged now: nothing was paid for the old one.
        var mode = input.InTrial && input.Mode != "do_not_bill" ? "full_immediately" : input.Mode;
        var (factor, offset, hasLine) = mode switch
        {
            "prorated_immediately" => (newFactor, RoundHalfUp(input.OldRecurring * (decimal)remainingDays / periodDays), true),
            "difference_immediately" => (1.0, input.OldRecurring, true),
            "full_immediately" => (1.0, 0L, true),
            "do_not_bill" => (0.0, 0L, false),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.Mode, "Unknown proration_billing_mode."),
        };

        if (!hasLine)
        {
            // do_not_bill: the plan switches, nothing is charged and no credit moves.
            return new Result(0, 0, 0, 0, input.ExistingCredit, false);
        }

        var gross = mode == "prorated_immediately" && !input.RestartsPeriod
            ? RoundHalfUp(input.NewUnitPrice * input.NewQuantity * (decimal)remainingDays / periodDays)
            : input.NewUnitPrice * input.NewQuantity;
        var pool = offset + input.ExistingCredit;

        return gross >= pool
            ? new Result(factor, gross, gross - pool, -pool, 0, true)
            : new Result(factor, gross, 0, pool - gross, pool - gross, true);
    }

    private static long RoundHalfUp(decimal value) => (long)Math.Round(value, 0, MidpointRounding.AwayFromZero);
}
