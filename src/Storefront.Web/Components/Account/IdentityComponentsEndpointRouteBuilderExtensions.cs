using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Storefront.Web.Data;

namespace Storefront.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>Endpoints the Identity pages post to that are not pages themselves.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");

        // A form post with an antiforgery token (endpoints with [FromForm] validate it automatically).
        accountGroup.MapPost("/Logout", async (
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/" + Storefront.Web.Identity.LocalUrls.LocalOrHome(returnUrl));
        });

        return accountGroup;
    }
}
