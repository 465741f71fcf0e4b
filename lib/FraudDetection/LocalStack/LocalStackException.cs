namespace FraudDetection.LocalStack;

/// <summary>The local stack cannot do what was asked; the message is the one line a person needs (what, where, what to do).</summary>
public sealed class LocalStackException : Exception
{
    public LocalStackException(string message)
        : base(message)
    {
    }

    public LocalStackException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
