using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Playwright;

namespace OfferBench;

/// <summary>
/// What idle interactive circuits cost the server, and whether the memory comes back once they are gone. Opens the
/// signed-in order page (its live order status and offer card are one circuit) in Debian's Chromium, measures the
/// managed heap after a full collection, closes the pages, lets more circuits come and go, waits until the store
/// holds none (the bench shortens the disconnected-circuit retention) and measures again. The heap is this process's:
/// the store's, plus Playwright's few objects per page, which only makes the per-circuit figure larger.
/// </summary>
internal static class CircuitMemory
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public sealed record Result(int Idle, long BaselineBytes, long WithIdleBytes, int Churned, long AfterChurnBytes)
    {
        public double BytesPerIdleCircuit => (WithIdleBytes - BaselineBytes) / (double)Idle;

        public double AfterChurnRatio => AfterChurnBytes / (double)BaselineBytes;
    }

    public static async Task<Result> MeasureAsync(Uri baseUrl, string email, string password, string orderPath, OpenCircuits circuits, int idle, int churn)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString() });
        context.SetDefaultTimeout(30_000);
        await SignInAsync(await context.NewPageAsync(), email, password);

        // Warm-up: the first circuit loads code and fills caches that stay whatever happens next.
        await CloseAllAsync(await OpenAsync(context, orderPath, 2), circuits);
        var baseline = Heap();

        var open = await OpenAsync(context, orderPath, idle);
        await WaitAsync(() => circuits.Count >= idle, "the idle circuits to open");
        var withIdle = Heap();
        await CloseAllAsync(open, circuits);

        const int batch = 25;
        for (var done = 0; done < churn; done += batch)
        {
            await CloseAllAsync(await OpenAsync(context, orderPath, batch), circuits);
        }

        return new Result(idle, baseline, withIdle, churn, Heap());
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("Account/Login", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    private static async Task<List<IPage>> OpenAsync(IBrowserContext context, string path, int count)
    {
        var pages = new List<IPage>(count);
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await page.Locator("[data-interactive=true]").First.WaitForAsync();
            pages.Add(page);
        }

        return pages;
    }

    private static async Task CloseAllAsync(List<IPage> pages, OpenCircuits circuits)
    {
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        await WaitAsync(() => circuits.Count == 0, "every circuit to end");
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what + ".");
            }

            await Task.Delay(50);
        }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>The store's live circuits, counted as Blazor opens and closes them.</summary>
internal sealed class OpenCircuits : CircuitHandler
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref count);
        return Task.CompletedTask;
    }
}
