using Microsoft.AspNetCore.Identity;
using Storefront.Web.Identity;

namespace Storefront.Web.Data.Seed;

internal static class RoleSeed
{
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in new[] { Roles.Customer, Roles.Admin })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                IdentityResultGuard.ThrowIfFailed(result, $"create role {role}");
            }
        }
    }
}
