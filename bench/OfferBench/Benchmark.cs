using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dodo.Payments;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfferBench;
using Storefront.Testing;
using Storefront.Web.Data;
using Storefront.Web.Features.Offers;
using Storefront.Web.Features.Orders;
using Storefront.Web.Identity;

namespace OfferBench;

internal static class Benchmark
{
    public static async Task Main(string[] args)
    {
        // Offer rendering: server time of OfferService.PostPurchaseOfferAsync minus the time spent waiting on Dodo,
        // and the same for a full GET of the order page. Accepts: Dodo calls made per accept, by kind.
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var accepts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var idleCircuits = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
        var churnedCircuits = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 300;
        var streamRate = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1000;
        var meter = new DodoCallMeter();

        await using var app = new MeteredStore(meter);
        var baseUrl = app.StartOnLoopback();
        Console.WriteLine($"Store on {baseUrl}; {iterations} renders, {accepts} accepts. {Environment.ProcessorCount} cores, .NET {Environment.Version}.");

        var buyers = new List<(string UserId, Order Order)>();
        for (var i = 0; i < accepts; i++)
        {
            buyers.Add(await BuyAsync(app, baseUrl, "starter-course"));
        }

        // 1. Offer rendering in the service (what the order page's component calls).
        var (userId, order) = buyers[0];
        var serviceTimes = new List<double>();
        var dodoCallsPerRender = 0;
        for (var i = 0; i < iterations + 20; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var offers = scope.ServiceProvider.GetRequiredService<OfferService>();
            meter.Reset();
            var watch = Stopwatch.StartNew();
            var view = await offers.PostPurchaseOfferAsync(userId, order.Id, CancellationToken.None) ?? throw new InvalidOperationException("No offer shown.");
            watch.Stop();
            if (i >= 20)
            {
                serviceTimes.Add((watch.Elapsed - meter.Elapsed).TotalMilliseconds);
                dodoCallsPerRender = meter.Calls.Values.Sum();
            }
        }

        // 2. The whole order page over HTTP (prerendered HTML, signed in), Dodo time subtracted.
        var client = await SignedInClientAsync(baseUrl, app, userId);
        var pageTimes = new List<double>();
        for (var i = 0; i < iterations + 20; i++)
        {
            meter.Reset();
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri($"orders/{order.Id}", UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!html.Contains("Add to my order", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The order page did not show the offer.");
            }

            if (i >= 20)
            {
                pageTimes.Add((watch.Elapsed - meter.Elapsed).TotalMilliseconds);
            }
        }

        // 3. Accepts: one per buyer, each counted separately.
        var moneyCalls = new List<int>();
        var acceptTimes = new List<double>();
        var acceptServerTimes = new List<double>();
        var callShapes = new Dictionary<string, int>();
        foreach (var (buyer, buyerOrder) in buyers)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var view = await scope.ServiceProvider.GetRequiredService<OfferService>().PostPurchaseOfferAsync(buyer, buyerOrder.Id, CancellationToken.None);
            meter.Reset();
            var watch = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(buyer, view!.AttemptId, 1, CancellationToken.None);
            watch.Stop();
            acceptTimes.Add(watch.Elapsed.TotalMilliseconds);
            acceptServerTimes.Add((watch.Elapsed - meter.Elapsed).TotalMilliseconds);
            if (result.Outcome != AcceptOutcome.Submitted)
            {
                throw new InvalidOperationException("Accept did not go through: " + result.Message);
            }

            moneyCalls.Add(meter.MoneyMovingCalls);
            foreach (var (shape, count) in meter.Calls)
            {
                callShapes[shape] = callShapes.GetValueOrDefault(shape) + count;
            }
        }

        // 4. Accepts and registrations while valid webhooks stream in at a steady rate.
        var loadBuyers = new List<(string UserId, Order Order)>();
        for (var i = 0; i < accepts; i++)
        {
            loadBuyers.Add(await BuyAsync(app, baseUrl, "starter-course"));
        }

        var loadAcceptTimes = new List<double>();
        var loadAcceptServerTimes = new List<double>();
        var registrationTimes = new List<double>();
        var quietRegistrationTimes = new List<double>();
        for (var i = 0; i < accepts; i++)
        {
            quietRegistrationTimes.Add(await RegisterAsync(baseUrl));
        }

        var secret = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DodoOptions>>().Value.WebhookSecret!;
        long streamed;
        long streamFailed;
        var streamWatch = Stopwatch.StartNew();
        await using (var stream = new WebhookStream(baseUrl, secret, streamRate))
        {
            stream.Start();
            foreach (var (buyer, buyerOrder) in loadBuyers)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var view = await scope.ServiceProvider.GetRequiredService<OfferService>().PostPurchaseOfferAsync(buyer, buyerOrder.Id, CancellationToken.None);
                meter.Reset();
                var watch = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<OfferAcceptance>().AcceptAsync(buyer, view!.AttemptId, 1, CancellationToken.None);
                watch.Stop();
                loadAcceptTimes.Add(watch.Elapsed.TotalMilliseconds);
                loadAcceptServerTimes.Add((watch.Elapsed - meter.Elapsed).TotalMilliseconds);
            }

            for (var i = 0; i < accepts; i++)
            {
                registrationTimes.Add(await RegisterAsync(baseUrl));
            }

            streamed = stream.Sent;
            streamFailed = stream.Failed;
        }

        var streamedPerSecond = streamed / streamWatch.Elapsed.TotalSeconds;

        // 5. Circuits: memory per idle circuit, and whether it comes back after many come and go.
        var circuitUser = buyers[0];
        string circuitEmail;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            circuitEmail = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(circuitUser.UserId))!.Email!;
        }

        var memory = await CircuitMemory.MeasureAsync(baseUrl, circuitEmail, MeteredStore.Password, $"orders/{circuitUser.Order.Id}",
            app.Services.GetRequiredService<OpenCircuits>(), idleCircuits, churnedCircuits);

        Console.WriteLine();
        Console.WriteLine("| measurement | n | p50 | p95 | max |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(Row("offer render, server time excl. Dodo (ms)", serviceTimes));
        Console.WriteLine(Row("order page GET with offer, excl. Dodo (ms)", pageTimes));
        Console.WriteLine(Row("accept until the charge is submitted, incl. Dodo (ms)", acceptTimes));
        Console.WriteLine(Row("accept, server work excl. Dodo (ms)", acceptServerTimes));
        Console.WriteLine(Row("accept while webhooks stream, incl. Dodo (ms)", loadAcceptTimes));
        Console.WriteLine(Row("accept while webhooks stream, server work excl. Dodo (ms)", loadAcceptServerTimes));
        Console.WriteLine(Row("registration POST, no webhooks (ms; mostly password hashing)", quietRegistrationTimes));
        Console.WriteLine(Row("registration POST while webhooks stream (ms)", registrationTimes));
        Console.WriteLine();
        Console.WriteLine($"Dodo calls per offer render after the first: {dodoCallsPerRender} (saved cards come from the per-customer cache)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Webhook stream during those rows: {streamedPerSecond:F0} stored per second (asked for {streamRate}), {streamFailed} refused or failed"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Idle circuits (signed-in order page with its offer): {memory.BytesPerIdleCircuit / 1024:F0} KB of managed heap each, over {memory.Idle}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"After {memory.Churned} more circuits came and went: heap {memory.AfterChurnBytes / 1024 / 1024.0:F1} MB, {memory.AfterChurnRatio:P0} of the {memory.BaselineBytes / 1024 / 1024.0:F1} MB before any"));
        Console.WriteLine($"Money-moving Dodo calls per accept: min {moneyCalls.Min()}, max {moneyCalls.Max()} over {moneyCalls.Count} accepts");
        foreach (var (shape, count) in callShapes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {count,4} × {shape}");
        }

        static string Row(string name, List<double> samples)
        {
            samples.Sort();
            double At(double q) => samples[(int)Math.Min(samples.Count - 1, Math.Round(q * (samples.Count - 1)))];
            return string.Create(CultureInfo.InvariantCulture, $"| {name} | {samples.Count} | {At(0.5):F2} | {At(0.95):F2} | {samples[^1]:F2} |");
        }

        static async Task<(string UserId, Order Order)> BuyAsync(MeteredStore app, Uri baseUrl, string productId)
        {
            var email = $"bench-{Guid.NewGuid():N}@storefront.test";
            string userId;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Bench", EmailConfirmed = true };
                await users.CreateAsync(user, MeteredStore.Password);
                await users.AddToRoleAsync(user, Roles.Customer);
                userId = user.Id;
                var url = await scope.ServiceProvider.GetRequiredService<CheckoutService>().StartAsync(userId, productId, baseUrl, OrderKind.Purchase, null, CancellationToken.None);
                using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
                using var paid = await http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["email"] = email, ["name"] = "Bench", ["card_number"] = "4242424242424242", ["expiry"] = "06/32", ["cvc"] = "123", ["card_holder"] = "Bench", ["country"] = "US", ["street"] = "1 Bench Way", ["city"] = "Benchton", ["zipcode"] = "10001",
                }));
                if (paid.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException("The sandbox checkout did not accept the card.");
                }
            }

            var dbFactory = app.Services.GetRequiredService<IDbContextFactory<StorefrontDbContext>>();
            for (var i = 0; i < 400; i++)
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.UserId == userId && o.Status == OrderStatus.Paid);
                if (order is not null)
                {
                    return (userId, order);
                }

                await Task.Delay(25);
            }

            throw new TimeoutException("The purchase was not confirmed.");
        }

        static async Task<double> RegisterAsync(Uri baseUrl)
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
            var form = await client.GetStringAsync(new Uri("Account/Register", UriKind.Relative));
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
            using var fields = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "register", ["Input.Name"] = "Bench Registrant", ["Input.Email"] = $"bench-register-{Guid.NewGuid():N}@storefront.test",
                ["Input.Password"] = MeteredStore.Password, ["Input.ConfirmPassword"] = MeteredStore.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            });
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync(new Uri("Account/Register", UriKind.Relative), fields);
            watch.Stop();
            if ((int)response.StatusCode >= 400)
            {
                throw new InvalidOperationException($"Registration answered {(int)response.StatusCode}.");
            }

            return watch.Elapsed.TotalMilliseconds;
        }

        static async Task<HttpClient> SignedInClientAsync(Uri baseUrl, MeteredStore app, string userId)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var email = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId))!.Email!;
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
            var form = await client.GetStringAsync(new Uri("Account/Login", UriKind.Relative));
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
            using var _ = await client.PostAsync(new Uri("Account/Login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = MeteredStore.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }));
            return client;
        }
    }
}

/// <summary>The real store (Production-like logging) with a meter on the Dodo client.</summary>
internal sealed class MeteredStore(DodoCallMeter meter) : StorefrontAppFactory
{
    public const string Password = "a long bench passphrase";

    private static string WebProjectFolder()
    {
        // The bench is not a test project, so Mvc.Testing does not record the web project's folder for it.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Storefront.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Storefront.Web");
            }
        }

        throw new DirectoryNotFoundException("Storefront.sln not found above " + AppContext.BaseDirectory);
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseContentRoot(WebProjectFolder());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Every request here comes from one address: the per-IP limits would otherwise measure themselves.
        builder.UseSetting("RateLimits:NewCircuitsPerIpPerMinute", "1000000");
        builder.UseSetting("RateLimits:RegistrationsPerIpPerHour", "1000000");
        builder.UseSetting("RateLimits:EmailLinksPerIpPerHour", "1000000");
        builder.UseSetting("RateLimits:WebhooksPerIpPerSecond", "1000000");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(meter);
            services.AddSingleton<OpenCircuits>();
            services.AddSingleton<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(provider => provider.GetRequiredService<OpenCircuits>());
            // Closed pages' circuits end after this instead of Blazor's 3 minutes, so the bench need not wait that long.
            services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(options => options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(3));
            services.AddHttpClient<DodoClient>().AddHttpMessageHandler(() => new DodoCallMeter.Handler(meter));
        });
    }
}
