namespace FraudDetection.Replay;

/// <summary>A replay input that cannot be used at all (the message names the file and the problem).</summary>
public sealed class ReplayException(string message) : Exception(message);
