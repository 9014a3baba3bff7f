using Microsoft.AspNetCore.Identity;

namespace Storefront.Web.Identity;

internal static class IdentityResultGuard
{
    public static void ThrowIfFailed(IdentityResult result, string action)
    {
        if (!result.Succeeded)
        {
            var reasons = string.Join("; ", result.Errors.Select(e => e.Description));
            throw new InvalidOperationException($"Could not {action}: {reasons}");
        }
    }
}
