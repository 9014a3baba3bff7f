namespace Storefront.Web.Features.Payments;

/// <summary>
/// A seam for fault tests: called between claiming a money action and sending its request to Dodo, the moment a
/// crash would leave the claim behind with nothing sent. Production registers <see cref="NoChargeFaults"/>.
/// </summary>
public interface IChargeFaults
{
    Task BeforeChargeAsync(Guid actionId);
}

public sealed class NoChargeFaults : IChargeFaults
{
    public Task BeforeChargeAsync(Guid actionId) => Task.CompletedTask;
}
