using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Web.Data;
using Storefront.Web.Data.Seed;

namespace Storefront.Web.Identity;

/// <summary>
/// <c>Storefront.Web create-admin you@example.com</c>: the first admin of a production store (there are no demo
/// accounts outside Development). The password is read from standard input, never from the command line, where
/// other users of the machine could see it. An existing account is made an admin and keeps its password.
/// </summary>
public static class AdminCommand
{
    public const string Verb = "create-admin";

    /// <summary>The email the command names, and the arguments left for the host's configuration.</summary>
    public static (string? Email, string[] HostArgs) Parse(string[] args) => args switch
    {
        [Verb, var email, .. var rest] => (email, rest),
        [Verb] => ("", []),
        _ => (null, args),
    };

    public static async Task<int> RunAsync(WebApplication app, string email, TextReader input, TextWriter output)
    {
        if (string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            await output.WriteLineAsync($"Usage: Storefront.Web {Verb} <email>   (the password is read from standard input)");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }

        await RoleSeed.EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await output.WriteLineAsync($"Password for {email} (one line on standard input):");
            var password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin" };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await output.WriteLineAsync("Could not create the admin: " + string.Join(" ", created.Errors.Select(e => e.Description)));
                return 1;
            }
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            IdentityResultGuard.ThrowIfFailed(await users.AddToRoleAsync(user, Roles.Admin), $"make {email} an admin");
        }

        await output.WriteLineAsync($"{email} is an admin. Sign in at /Account/Login.");
        return 0;
    }
}
