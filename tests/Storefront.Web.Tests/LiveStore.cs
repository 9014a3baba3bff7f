using System.Net;
using Dodo.Payments;
using Dodo.Sandbox;
using Dodo.Sandbox.Control;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Orders;
using Storefront.Web.Identity;
using Microsoft.Extensions.Hosting;

namespace Storefront.Web.Tests;

/// <summary>
/// The whole store with its in-process sandbox Dodo, served on a loopback port so the sandbox's webhooks reach the
/// store over real HTTP. Tests create their own customers.
/// </summary>
public class LiveStore : IAsyncLifetime
{
    public LiveStore()
        : this(new StorefrontAppFactory())
    {
    }

    protected LiveStore(StorefrontAppFactory app) => App = app;

    public StorefrontAppFactory App { get; }

    public Uri BaseUrl { get; private set; } = default!;

    public IServiceProvider Services => App.Services;

    public SandboxControls Sandbox => Services.GetRequiredService<SandboxControls>();

    /// <summary>The sandbox's own API with its key, for control calls (the clock) and Dodo calls the store never makes.</summary>
    public HttpClient SandboxApi() => new()
    {
        BaseAddress = new Uri(BaseUrl, "sandbox/dodo/"),
        DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SandboxOptions.DevelopmentApiKey) },
    };

    public virtual ValueTask InitializeAsync()
    {
        BaseUrl = App.StartOnLoopback();
        return ValueTask.CompletedTask;
    }

    public virtual async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The money at the sandbox: the customer's payments made for one offer attempt (by its metadata).</summary>
    public async Task<List<Dodo.Payments.Models.PaymentListItem>> SandboxChargesForAsync(string customerId, Guid attemptId)
    {
        var payments = await Get<DodoClient>().ListPaymentsAsync(new Dodo.Payments.Models.PaymentListQuery { CustomerId = customerId, PageSize = 100 }, CancellationToken.None);
        return payments.Items.Where(p => p.Metadata?.GetValueOrDefault(PaymentOutcomes.OfferAttemptIdKey) == attemptId.ToString()).ToList();
    }

    public async Task<Shopper> NewCustomerAsync()
    {
        var email = $"shopper-{Guid.NewGuid():N}@storefront.test";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test Shopper" };
        Assert.True((await users.CreateAsync(user, Shopper.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Customer)).Succeeded);
        var client = Client();
        using var signIn = await new StoreClient(client).SignInAsync(email, Shopper.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return new Shopper(this, user.Id, email, client);
    }

    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseUrl,
    };

    public async Task<T> WaitForAsync<T>(Func<StorefrontDbContext, Task<T?>> read, Func<T, bool> done, string what, int timeoutMs = 15_000)
    {
        var dbFactory = Get<IDbContextFactory<StorefrontDbContext>>();
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            last = await read(db);
            if (last is not null && done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Timed out waiting for {what}; last seen: {last}");
    }
}

/// <summary>A signed-in customer of <see cref="LiveStore"/>.</summary>
public sealed class Shopper(LiveStore store, string userId, string email, HttpClient client)
{
    public const string Password = "a long test passphrase";

    /// <summary>The street this shopper types on Dodo's checkout (one-click charges must send their own address back).</summary>
    public const string Street = "742 Evergreen Terrace";

    public string UserId { get; } = userId;

    public string Email { get; } = email;

    public HttpClient Http { get; } = client;

    /// <summary>Buys a product the way a customer does: checkout session, the hosted page with a test card, back to the order.</summary>
    /// <param name="authentication">The answer to the bank's 3-D Secure step, for a card that asks for one.</param>
    public async Task<Order> BuyAsync(string productId, string card = "4242424242424242", string? authentication = null)
    {
        var orderId = await CheckOutAsync(productId, card, authentication);
        return await store.WaitForAsync(db => db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId), o => o.Status == OrderStatus.Paid, "the order to be paid");
    }

    /// <summary>Pays on Dodo's page and comes back; the order's id, whatever Dodo has told the store so far.</summary>
    public async Task<Guid> CheckOutAsync(string productId, string card = "4242424242424242", string? authentication = null)
    {
        await using var scope = store.Services.CreateAsyncScope();
        var checkout = scope.ServiceProvider.GetRequiredService<CheckoutService>();
        var url = await checkout.StartAsync(UserId, productId, store.BaseUrl, OrderKind.Purchase, null, CancellationToken.None);
        using var page = await store.Client().PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Email, ["name"] = "Test Shopper", ["card_number"] = card, ["expiry"] = "06/32", ["cvc"] = "123",
            ["card_holder"] = "Test Shopper", ["country"] = "US", ["street"] = Street, ["city"] = "Springfield", ["state"] = "OR", ["zipcode"] = "97477",
            ["authentication"] = authentication ?? "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        return Guid.Parse(page.Headers.Location!.AbsolutePath.Split('/')[^1]);
    }

    /// <summary>Saves a new card for the subscription the way a customer does: "Use another card", then Dodo's page.</summary>
    public async Task UpdateSubscriptionCardAsync(string card = "4242424242424242")
    {
        await using var scope = store.Services.CreateAsyncScope();
        var link = await scope.ServiceProvider.GetRequiredService<Storefront.Web.Features.Subscriptions.PaymentMethodUpdate>().StartAsync(UserId, store.BaseUrl, CancellationToken.None);
        using var page = await store.Client().PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Email, ["name"] = "Test Shopper", ["card_number"] = card, ["expiry"] = "06/32", ["cvc"] = "123",
            ["card_holder"] = "Test Shopper", ["country"] = "US", ["street"] = Street, ["city"] = "Springfield", ["state"] = "OR", ["zipcode"] = "97477",
        }));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    public async Task<string> DodoCustomerIdAsync()
    {
        await using var scope = store.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<Storefront.Web.Features.Payments.DodoCustomerLink>().FindAsync(UserId, CancellationToken.None))!;
    }
}

[CollectionDefinition(Name)]
public sealed class LiveStoreCollection : ICollectionFixture<LiveStore>
{
    public const string Name = "live-store";
}
