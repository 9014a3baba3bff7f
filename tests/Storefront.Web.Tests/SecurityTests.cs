using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Identity;

namespace Storefront.Web.Tests;

public sealed class SecurityTests(SecurityTests.App app) : IClassFixture<SecurityTests.App>
{
    public sealed class App : StorefrontAppFactory;

    private const string CustomerEmail = "customer@storefront.test";
    private const string CustomerPassword = "customer-demo-pass";
    private const string AdminEmail = "admin@storefront.test";
    private const string AdminPassword = "admin-demo-pass";

    [Fact]
    public async Task SignIn_DemoCustomer_SetsTheAuthCookieAndRedirects()
    {
        var client = StoreClient.Create(app);

        using var response = await client.SignInAsync(CustomerEmail, CustomerPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_UnknownEmailAndWrongPassword_ShowTheSameMessage()
    {
        var unknown = await (await StoreClient.Create(app).SignInAsync("nobody@storefront.test", "whatever-pass")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var wrong = await (await StoreClient.Create(app).SignInAsync(CustomerEmail, "wrong-password")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Invalid email or password.", unknown, StringComparison.Ordinal);
        Assert.Contains("Invalid email or password.", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount()
    {
        var email = await CreateCustomerAsync("locked");
        var client = StoreClient.Create(app);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var _ = await client.SignInAsync(email, "not-the-password");
        }

        using var withRightPassword = await client.SignInAsync(email, "correct-horse-battery");
        Assert.Equal(HttpStatusCode.TooManyRequests, withRightPassword.StatusCode);
        Assert.Contains("Too many sign-in attempts for this email address", await withRightPassword.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(withRightPassword.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetAdmin_Anonymous_RedirectsToSignIn()
    {
        using var response = await StoreClient.Create(app).Http.GetAsync(new Uri("/admin", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAdmin_Customer_IsSentToAccessDenied()
    {
        var client = StoreClient.Create(app);
        using var _ = await client.SignInAsync(CustomerEmail, CustomerPassword);

        using var response = await client.Http.GetAsync(new Uri("/admin", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAdmin_Admin_SeesTheDashboard()
    {
        var client = StoreClient.Create(app);
        using var _ = await client.SignInAsync(AdminEmail, AdminPassword);

        using var response = await client.Http.GetAsync(new Uri("/admin", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("products for sale", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostLogin_WithoutAntiforgeryToken_IsRejected()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = CustomerEmail,
            ["Input.Password"] = CustomerPassword,
        });

        using var response = await StoreClient.Create(app).Http.PostAsync(new Uri("/Account/Login", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Register_ShortPassword_IsRefusedAndNoAccountIsCreated()
    {
        var client = StoreClient.Create(app);
        var form = await client.Http.GetStringAsync(new Uri("/Account/Register", UriKind.Relative), TestContext.Current.CancellationToken);

        using var response = await client.PostFormAsync("/Account/Register", form, new()
        {
            ["_handler"] = "register",
            ["Input.Name"] = "Shorty",
            ["Input.Email"] = "shorty@storefront.test",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Assert.Contains("at least 8 characters", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("shorty@storefront.test"));
    }

    [Fact]
    public async Task Register_LongPassphraseWithoutDigitsOrSymbols_IsAcceptedAsACustomer()
    {
        var client = StoreClient.Create(app);
        var form = await client.Http.GetStringAsync(new Uri("/Account/Register", UriKind.Relative), TestContext.Current.CancellationToken);

        using var response = await client.PostFormAsync("/Account/Register", form, new()
        {
            ["_handler"] = "register",
            ["Input.Name"] = "Pass Phrase",
            ["Input.Email"] = "phrase@storefront.test",
            ["Input.Password"] = "correct horse battery",
            ["Input.ConfirmPassword"] = "correct horse battery",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("phrase@storefront.test");
        Assert.NotNull(user);
        Assert.True(await users.IsInRoleAsync(user, Roles.Customer));
    }

    private async Task<string> CreateCustomerAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@storefront.test";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, "correct-horse-battery");
        Assert.True(result.Succeeded);
        return email;
    }
}
