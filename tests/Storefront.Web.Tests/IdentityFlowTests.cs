using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Email;

namespace Storefront.Web.Tests;

/// <summary>Registration, sign-in and password reset as an attacker probes them: nothing tells who has an account.</summary>
public sealed partial class IdentityFlowTests(IdentityFlowTests.App app) : IClassFixture<IdentityFlowTests.App>
{
    public sealed class App : StorefrontAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_TakenAndNewAddress_AnswerTheSame_TheEmailTellsTheOwner()
    {
        var fresh = $"fresh-{Guid.NewGuid():N}@storefront.test";

        using var taken = await RegisterAsync("customer@storefront.test", "a brand new passphrase");
        using var created = await RegisterAsync(fresh, "a brand new passphrase");

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(Path(taken), Path(created));
        Assert.StartsWith("/Account/RegisterConfirmation", Path(created), StringComparison.Ordinal);
        Assert.Equal("You already have an account", (await EmailToAsync("customer@storefront.test")).Subject);
        Assert.Equal("Confirm your email address", (await EmailToAsync(fresh)).Subject);
        Assert.True(await SignInWorksAsync("customer@storefront.test", "customer-demo-pass"), "the existing account keeps its password");
    }

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    [InlineData("aaaaaaaa")]
    [InlineData("iloveyou123")]
    public async Task Register_CommonOrRepetitivePassword_IsRefusedAndNoAccountIsMade(string password)
    {
        var email = $"weak-{Guid.NewGuid():N}@storefront.test";

        using var response = await RegisterAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("most common ones|different characters", await response.Content.ReadAsStringAsync(Ct));
        Assert.Null(await UsersAsync(users => users.FindByEmailAsync(email)));
    }

    [Fact]
    public async Task NewAccount_SignsInOnlyAfterTheEmailLinkConfirmsIt()
    {
        var email = $"confirm-{Guid.NewGuid():N}@storefront.test";
        using var _ = await RegisterAsync(email, "a brand new passphrase");
        var client = StoreClient.Create(app);

        using var before = await client.SignInAsync(email, "a brand new passphrase");
        var confirmPage = await client.Http.GetStringAsync(LinkIn(await EmailToAsync(email)), Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("Invalid email or password", await before.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("your email address is confirmed", confirmPage, StringComparison.Ordinal);
        Assert.True(await SignInWorksAsync(email, "a brand new passphrase"));
    }

    [Fact]
    public async Task ForgotPassword_KnownAndUnknownAddress_AnswerTheSame_TheOwnerResetsThroughTheEmail()
    {
        var email = await ConfirmedUserAsync("correct horse battery staple");
        var stranger = $"stranger-{Guid.NewGuid():N}@storefront.test";

        var known = await ForgotAsync(email);
        var unknown = await ForgotAsync(stranger);
        var reset = await EmailToAsync(email);
        var client = StoreClient.Create(app);
        var resetPage = await client.Http.GetStringAsync(LinkIn(reset), Ct);
        using var changed = await client.PostFormAsync(LinkIn(reset).PathAndQuery, resetPage, new()
        {
            ["_handler"] = "reset-password", ["Input.Code"] = Regex.Match(resetPage, "name=\"Input.Code\" value=\"([^\"]+)\"").Groups[1].Value,
            ["Input.Email"] = email, ["Input.Password"] = "a fresh passphrase now", ["Input.ConfirmPassword"] = "a fresh passphrase now",
        });

        Assert.Equal(Alert(known), Alert(unknown));
        Assert.Equal("Reset your password", reset.Subject);
        Assert.Equal("Password reset request", (await EmailToAsync(stranger)).Subject);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(await SignInWorksAsync(email, "a fresh passphrase now"));
        Assert.False(await SignInWorksAsync(email, "correct horse battery staple"));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    public async Task SignInAndSignOut_ForeignReturnUrl_GoHomeInsteadOfFailing(string returnUrl)
    {
        var client = StoreClient.Create(app);
        var form = await client.Http.GetStringAsync(new Uri("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative), Ct);

        using var signIn = await client.PostFormAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), form, new()
        {
            ["_handler"] = "login", ["Input.Email"] = "customer@storefront.test", ["Input.Password"] = "customer-demo-pass",
        });
        var home = await client.Http.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        using var signOut = await client.PostFormAsync("/Account/Logout", home, new() { ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(new Uri("http://localhost/"), new Uri(new Uri("http://localhost/"), signIn.Headers.Location!));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(new Uri("http://localhost/"), new Uri(new Uri("http://localhost/"), signOut.Headers.Location!));
    }

    [Fact]
    public async Task SignIn_UnknownEmail_TakesAsLongAsAWrongPasswordForARealAccount()
    {
        var email = await ConfirmedUserAsync("correct horse battery staple");
        var client = StoreClient.Create(app);
        await TimeSignInAsync(client, email); // warm both paths
        await TimeSignInAsync(client, "warm-up@storefront.test");

        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            known.Add(await TimeSignInAsync(client, email));
            unknown.Add(await TimeSignInAsync(client, $"nobody-{i}-{Guid.NewGuid():N}@storefront.test"));
        }

        // Identity alone answers an unknown email ~20x faster (no hash); with the decoy hash both cost one PBKDF2.
        var ratio = Median(unknown) / Median(known);
        Assert.True(ratio > 0.5, $"unknown {Median(unknown):F1} ms vs known {Median(known):F1} ms");
    }

    private async Task<double> TimeSignInAsync(StoreClient client, string email)
    {
        var form = await client.Http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative), Ct);
        var watch = Stopwatch.StartNew();
        using var _ = await client.PostFormAsync("/Account/Login", form, new()
        {
            ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = "not the right one",
        });
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private async Task<HttpResponseMessage> RegisterAsync(string email, string password)
    {
        var client = StoreClient.Create(app);
        var form = await client.Http.GetStringAsync(new Uri("/Account/Register", UriKind.Relative), Ct);
        return await client.PostFormAsync("/Account/Register", form, new()
        {
            ["_handler"] = "register", ["Input.Name"] = "Probe", ["Input.Email"] = email,
            ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });
    }

    private async Task<string> ForgotAsync(string email)
    {
        var client = StoreClient.Create(app);
        var form = await client.Http.GetStringAsync(new Uri("/Account/ForgotPassword", UriKind.Relative), Ct);
        using var response = await client.PostFormAsync("/Account/ForgotPassword", form, new() { ["_handler"] = "forgot-password", ["Input.Email"] = email });
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private async Task<bool> SignInWorksAsync(string email, string password)
    {
        using var response = await StoreClient.Create(app).SignInAsync(email, password);
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private async Task<string> ConfirmedUserAsync(string password)
    {
        var email = $"member-{Guid.NewGuid():N}@storefront.test";
        var created = await UsersAsync(users => users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, password));
        Assert.True(created.Succeeded);
        return email;
    }

    private async Task<T> UsersAsync<T>(Func<UserManager<ApplicationUser>, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    private async Task<EmailOutboxMessage> EmailToAsync(string email)
    {
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(Ct);
        return await db.EmailOutbox.AsNoTracking().Where(m => m.To == email).OrderByDescending(m => m.Id).FirstAsync(Ct);
    }

    private static Uri LinkIn(EmailOutboxMessage email) => new(LinkPattern().Match(email.Body).Value);

    private static string Path(HttpResponseMessage response) => response.Headers.Location!.OriginalString.Split('?')[0].Replace("http://localhost", "", StringComparison.Ordinal);

    private static string Alert(string html) => Regex.Match(html, "role=\"status\">([^<]+)<").Groups[1].Value;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
