using Storefront.Domain.Experiments;

namespace Storefront.Domain.Tests;

public sealed class ExperimentAssignmentTests
{
    private static readonly VariantWeight[] Even = [new(1, 50), new(2, 50)];

    [Fact]
    public void SameCustomerAndExperiment_AlwaysTheSameArm()
    {
        var first = ExperimentAssignment.Assign(7, "customer-a", 20, Even);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(first, ExperimentAssignment.Assign(7, "customer-a", 20, Even));
        }
    }

    [Fact]
    public void ManyCustomers_SplitNearTheWeightsAndHoldout()
    {
        var arms = Enumerable.Range(0, 10_000).Select(i => ExperimentAssignment.Assign(3, $"customer-{i}", 20, [new(1, 75), new(2, 25)])).ToList();

        Assert.InRange(arms.Count(a => a is null), 1_800, 2_200);
        Assert.InRange(arms.Count(a => a == 1), 5_700, 6_300);
        Assert.InRange(arms.Count(a => a == 2), 1_800, 2_200);
    }

    [Fact]
    public void NoHoldout_NobodyIsHeldOut_AndFullHoldout_EveryoneIs()
    {
        Assert.DoesNotContain(Enumerable.Range(0, 500).Select(i => ExperimentAssignment.Assign(1, $"c{i}", 0, Even)), a => a is null);
        Assert.All(Enumerable.Range(0, 500).Select(i => ExperimentAssignment.Assign(1, $"c{i}", 100, Even)), a => Assert.Null(a));
    }

    [Fact]
    public void ArmsInOneExperiment_SayNothingAboutAnother()
    {
        var customers = Enumerable.Range(0, 2_000).Select(i => $"customer-{i}").ToList();
        var agree = customers.Count(c => ExperimentAssignment.Assign(1, c, 0, Even) == ExperimentAssignment.Assign(2, c, 0, Even));

        Assert.InRange(agree, 850, 1_150); // about half, as for independent coin flips
    }

    [Fact]
    public void ChangingTheHoldout_NeverMovesACustomerBetweenVariants()
    {
        foreach (var customer in Enumerable.Range(0, 1_000).Select(i => $"customer-{i}"))
        {
            var small = ExperimentAssignment.Assign(5, customer, 10, Even);
            var large = ExperimentAssignment.Assign(5, customer, 40, Even);
            Assert.True(large is null || large == small);
        }
    }

    [Fact]
    public void ZeroWeightVariant_GetsNobody() =>
        Assert.DoesNotContain(Enumerable.Range(0, 1_000).Select(i => ExperimentAssignment.Assign(1, $"c{i}", 0, [new(1, 0), new(2, 10)])), a => a == 1);
}
