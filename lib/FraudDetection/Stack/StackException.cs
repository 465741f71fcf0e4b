namespace FraudDetection.Stack;

/// <summary>An expected failure of a stack operation; the message is one line that says what to do.</summary>
public sealed class StackException(string message) : Exception(message);
