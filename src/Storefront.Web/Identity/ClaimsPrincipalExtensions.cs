using System.Security.Claims;

namespace Storefront.Web.Identity;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in account's id, or null for a visitor.</summary>
    public static string? UserId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
