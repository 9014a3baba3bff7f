using Microsoft.AspNetCore.Identity;

namespace Storefront.Web.Identity;

/// <summary>
/// OWASP ASVS / NIST 800-63B: length is what matters (at least 8 characters), composition rules
/// ("one upper case, one digit, one symbol") make passwords weaker in practice, so none are imposed. What is refused:
/// passwords from breach lists (<see cref="CommonPasswordValidator"/>) and repetitive ones ("aaaaaaaa", "12121212").
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;

    public static void Apply(PasswordOptions password)
    {
        password.RequiredLength = MinimumLength;
        password.RequireDigit = false;
        password.RequireLowercase = false;
        password.RequireUppercase = false;
        password.RequireNonAlphanumeric = false;
        password.RequiredUniqueChars = 4;
    }
}
