using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Dodo.Sandbox.Tests;

internal static class SandboxClockHelper
{
    public static async Task<DateTimeOffset> NowAsync(SandboxHost host)
    {
        var clock = await host.Http.GetFromJsonAsync<JsonObject>("_sandbox/clock", TestContext.Current.CancellationToken);
        return DateTimeOffset.Parse((string)clock!["now"]!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Moves the sandbox clock to just past the given moment (whole hours), which bills whatever is due.</summary>
    public static async Task AdvanceToAsync(SandboxHost host, DateTimeOffset moment)
    {
        var now = await NowAsync(host);
        var hours = (int)Math.Ceiling((moment - now).TotalHours) + 1;
        if (hours > 0)
        {
            using var response = await host.Http.PostAsJsonAsync("_sandbox/clock/advance", new { hours }, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
