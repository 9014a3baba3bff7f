namespace Storefront.Testing;

/// <summary>Waits on a condition, never on a fixed sleep: polls until the read returns a value, or fails naming what it waited for.</summary>
public static class Wait
{
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> read, string what, int timeoutMs = 15_000) where T : class
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(25);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, int timeoutMs = 15_000) =>
        UntilAsync<object>(async () => await condition() ? new object() : null, what, timeoutMs);
}
