namespace Dodo.Sandbox.Control;

/// <summary>
/// Switches tests (and a person, on the console page) use to make the sandbox misbehave like a real network:
/// slow or failing API calls, a connection dropped or a 500 answered after the charge was made, duplicated,
/// reordered, held or delayed webhook deliveries. All off by default.
/// </summary>
public sealed class SandboxControls
{
    private int failNextRequests;
    private int dropAfterChargeNext;
    private int failAfterChargeNext;
    private int failChargeNext;
    private int failRefundNext;

    /// <summary>Added to every API call before it is handled.</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>Deliver every webhook twice (same webhook-id), as Dodo may.</summary>
    public bool DuplicateDeliveries { get; set; }

    /// <summary>Deliver pending webhooks newest first.</summary>
    public bool DeliverNewestFirst { get; set; }

    /// <summary>Keep webhooks queued until released (use with <see cref="DeliverNewestFirst"/> to reorder a batch).</summary>
    public bool HoldDeliveries { get; set; }

    private long heldPasses;

    /// <summary>How many times the dispatcher found deliveries held (tests wait on it instead of sleeping).</summary>
    public long HeldPasses => Interlocked.Read(ref heldPasses);

    internal void CountHeldPass() => Interlocked.Increment(ref heldPasses);

    /// <summary>Wait this long before each delivery.</summary>
    public int DeliveryDelayMilliseconds { get; set; }

    /// <summary>The next N API calls answer 500 without doing anything.</summary>
    public void FailNextRequests(int count) => Interlocked.Exchange(ref failNextRequests, count);

    /// <summary>The next N money-moving calls are carried out, then the connection is dropped before the answer.</summary>
    public void DropConnectionAfterNextCharges(int count) => Interlocked.Exchange(ref dropAfterChargeNext, count);

    /// <summary>The next N money-moving calls answer 500 without doing anything (other calls are not affected).</summary>
    public void FailNextCharges(int count) => Interlocked.Exchange(ref failChargeNext, count);

    /// <summary>The next N money-moving calls are carried out and saved, then answered 500 (a server error after the fact).</summary>
    public void FailAfterNextCharges(int count) => Interlocked.Exchange(ref failAfterChargeNext, count);

    /// <summary>The next N refunds are accepted (pending) and then fail (refund.failed), as a bank may refuse one.</summary>
    public void FailNextRefunds(int count) => Interlocked.Exchange(ref failRefundNext, count);

    internal bool TakeFailRefund() => TryTake(ref failRefundNext);

    internal bool TakeFailure() => TryTake(ref failNextRequests);

    internal bool TakeFailAfterCharge() => TryTake(ref failAfterChargeNext);

    internal bool TakeFailCharge() => TryTake(ref failChargeNext);

    internal bool TakeDropAfterCharge() => TryTake(ref dropAfterChargeNext);

    public void Reset()
    {
        LatencyMilliseconds = 0;
        DuplicateDeliveries = false;
        DeliverNewestFirst = false;
        HoldDeliveries = false;
        DeliveryDelayMilliseconds = 0;
        FailNextRequests(0);
        DropConnectionAfterNextCharges(0);
        FailAfterNextCharges(0);
        FailNextCharges(0);
        FailNextRefunds(0);
    }

    private static bool TryTake(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
