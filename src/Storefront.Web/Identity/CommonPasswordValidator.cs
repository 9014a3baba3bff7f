using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Storefront.Web.Data;

namespace Storefront.Web.Identity;

/// <summary>
/// NIST 800-63B: refuse passwords that appear in breach corpora. The list is the zxcvbn frequency list
/// (common-passwords.NOTICE.md: source and licence), embedded in the assembly, compared case-insensitively.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly Lazy<HashSet<string>> Known = new(Load);

    public static bool IsCommon(string password) => Known.Value.Contains(password.Trim().ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "That password is one of the most common ones and is easy to guess. Choose another, e.g. a few unrelated words.",
            })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Storefront.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
