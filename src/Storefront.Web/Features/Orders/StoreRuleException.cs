namespace Storefront.Web.Features.Orders;

/// <summary>A refusal the customer should read ("That product isn't for sale"); nothing was charged or stored.</summary>
public sealed class StoreRuleException(string message) : Exception(message);
