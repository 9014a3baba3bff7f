namespace Storefront.Testing;

/// <summary>
/// The store's clock for a test that needs time to pass (an offer's deadline): real time plus an offset the test moves
/// forward. Timers still tick in real time; only "what time is it" moves.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    /// <summary>Back to real time, for the next test.</summary>
    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
