using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Identity;

/// <summary>The demo accounts seeded in Development (credentials are in the README).</summary>
public sealed class DemoAccountsOptions
{
    public const string Section = "DemoAccounts";

    [Required, EmailAddress] public string CustomerEmail { get; set; } = "customer@storefront.test";

    [Required, MinLength(8)] public string CustomerPassword { get; set; } = "customer-demo-pass";

    [Required, EmailAddress] public string AdminEmail { get; set; } = "admin@storefront.test";

    [Required, MinLength(8)] public string AdminPassword { get; set; } = "admin-demo-pass";
}
