namespace FraudDetection.Stack;

/// <summary>Starts a process and waits for it. The one seam between the stack helper and the AWS CLI.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="request"/> to completion; throws <see cref="StackException"/> when the program does not exist.</summary>
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken);
}
