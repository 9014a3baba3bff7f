using Microsoft.Extensions.Options;

namespace Storefront.Web;

/// <summary>
/// Settings that stop the app (validated at start-up) are first listed as sentences naming each setting, before the
/// exception ends the process with a non-zero code (rethrown, so a test host sees the same exception).
/// </summary>
public static class StartupFailure
{
    public static async Task RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
        }
        catch (Exception error) when (Settings(error) is { Count: > 0 } failures)
        {
            // Written synchronously and rethrown at once: a host that awaits the start (a test host) sees the same exception.
            Console.Error.WriteLine("Storefront cannot start. Fix these settings (README, Configuration):\n  - " + string.Join("\n  - ", failures));
            throw;
        }
    }

    private static List<string> Settings(Exception error) => error switch
    {
        OptionsValidationException invalid => invalid.Failures.ToList(),
        AggregateException many when many.InnerExceptions.All(e => e is OptionsValidationException) =>
            many.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures).ToList(),
        _ => [],
    };
}
