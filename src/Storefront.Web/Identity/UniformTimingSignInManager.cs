using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Storefront.Web.Data;

namespace Storefront.Web.Identity;

/// <summary>
/// Identity answers a sign-in for an unknown email without hashing anything, so it is ~20× faster than a wrong
/// password for a real account: the time tells who has an account. Here an unknown email costs the same password
/// hash verification as a known one.
/// </summary>
public sealed class UniformTimingSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    IPasswordHasher<ApplicationUser> hasher)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly ApplicationUser Nobody = new() { UserName = "nobody" };
    private readonly Lazy<string> decoyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, decoyHash.Value, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }
}
