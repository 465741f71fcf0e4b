namespace FraudLab.Broker.Groups;

/// <summary>A response the coordinator owes a caller that is waiting (JoinGroup until the rebalance completes,
/// SyncGroup until the leader's assignment arrives). Continuations run asynchronously, so completing a slot
/// under a group's lock never runs the caller's code under that lock.</summary>
internal sealed class ResponseSlot<T>
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration cancellation;

    public Task<T> Task => completion.Task;

    public bool IsPending => !completion.Task.IsCompleted;

    public static ResponseSlot<T> Completed(T result)
    {
        var slot = new ResponseSlot<T>();
        slot.completion.SetResult(result);
        return slot;
    }

    public void Complete(T result)
    {
        // Unregister, not Dispose: Dispose would wait for a running cancel callback, which may be waiting for our lock.
        if (completion.TrySetResult(result))
            cancellation.Unregister();
    }

    /// <summary>Calls <paramref name="onCancel"/> when <paramref name="token"/> is cancelled while the slot is pending;
    /// call outside any lock (a cancelled token runs it at once).</summary>
    public void CancelOn(CancellationToken token, Action onCancel)
    {
        if (token.CanBeCanceled && IsPending)
            cancellation = token.Register(onCancel);
    }

    public void Cancel(CancellationToken token) => completion.TrySetCanceled(token);
}
