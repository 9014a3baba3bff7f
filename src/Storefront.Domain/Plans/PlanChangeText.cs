namespace Storefront.Domain.Plans;

/// <summary>Plain words for the plan-change dialog and the admin policy page.</summary>
public static class PlanChangeText
{
    public static string Describe(ProrationMode mode) => mode switch
    {
        ProrationMode.ProratedImmediately => "You pay only for the days left in this billing period, less the unused part of your current plan.",
        ProrationMode.FullImmediately => "You pay the full price of the new plan now and a new billing period starts today.",
        ProrationMode.DifferenceImmediately => "You pay the difference between the two plans' prices now; a cheaper plan leaves a credit for your next bills.",
        ProrationMode.DoNotBill => "Nothing is charged or credited now; the new price applies from your next bill.",
    };

    public static string WireName(ProrationMode mode) => mode switch
    {
        ProrationMode.ProratedImmediately => "prorated_immediately",
        ProrationMode.FullImmediately => "full_immediately",
        ProrationMode.DifferenceImmediately => "difference_immediately",
        ProrationMode.DoNotBill => "do_not_bill",
    };
}
