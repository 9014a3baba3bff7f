namespace Dodo.Sandbox;

/// <summary>
/// The sandbox's "now": real time plus an offset a test or a person can move forward to make renewals fall due.
/// The offset is persisted with the sandbox's data so a restart keeps the same day.
/// </summary>
public sealed class SandboxClock(TimeProvider system) : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => system.GetUtcNow() + Offset;

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    internal void Restore(TimeSpan offset) => Interlocked.Exchange(ref offsetTicks, offset.Ticks);

    internal TimeSpan AdvanceBy(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The sandbox clock only moves forward.");
        }

        return TimeSpan.FromTicks(Interlocked.Add(ref offsetTicks, by.Ticks));
    }
}
