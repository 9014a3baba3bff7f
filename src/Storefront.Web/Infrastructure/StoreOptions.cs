using System.ComponentModel.DataAnnotations;

namespace Storefront.Web;

/// <summary>Settings under "Store": what customers see of the shop itself.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    [Required, StringLength(60)] public string Name { get; set; } = "Storefront";

    [Required, EmailAddress] public string SupportEmail { get; set; } = "support@storefront.test";

    /// <summary>
    /// How long an open order page waits for Dodo's webhook before it looks the payment up itself (a read).
    /// </summary>
    [Range(1, 3600)] public int PaymentLookupAfterSeconds { get; set; } = 8;
}
