namespace Storefront.Web.Features.Live;

/// <summary>Carries "this customer's data changed" to the store's other instances, whose pages then re-read.</summary>
public interface ICustomerChangeRelay
{
    /// <summary>Tells the other instances; never throws (a lost relay only delays their pages to the next reload).</summary>
    Task PublishAsync(string userId);
}

/// <summary>One instance (SQLite): there is no one else to tell.</summary>
public sealed class SingleInstanceRelay : ICustomerChangeRelay
{
    public Task PublishAsync(string userId) => Task.CompletedTask;
}
