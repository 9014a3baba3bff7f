using System.ComponentModel.DataAnnotations;

namespace Storefront.Web;

/// <summary>Settings under "Store": what customers see of the shop itself, and where it lives.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    [Required, StringLength(60)] public string Name { get; set; } = "Storefront";

    [Required, EmailAddress] public string SupportEmail { get; set; } = "support@storefront.test";

    /// <summary>
    /// The address customers use, e.g. https://shop.example.com/. Every return, cancel and email link is built from
    /// it, never from a request's Host header. Required outside Development (see <see cref="StoreAddress"/>).
    /// </summary>
    [Url] public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// How long the reconciler waits for Dodo's webhook on a checkout order before it looks the payment up itself (a read).
    /// </summary>
    [Range(1, 3600)] public int PaymentLookupAfterSeconds { get; set; } = 8;
}
