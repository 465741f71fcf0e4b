namespace FraudLab.Cli;

/// <summary>An expected failure of a verb: the message is the one line the user sees.</summary>
internal sealed class CliException(string message) : Exception(message);
