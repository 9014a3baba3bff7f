using Microsoft.AspNetCore.Identity;

namespace Storefront.Web.Data;

public sealed class ApplicationUser : IdentityUser
{
    /// <summary>Shown in the account menu and sent to Dodo as the customer's name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The Dodo customer ("cus_…") this account pays as; created on the first purchase, reused after.</summary>
    public string? DodoCustomerId { get; set; }
}
