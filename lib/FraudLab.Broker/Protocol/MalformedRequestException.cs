namespace FraudLab.Broker.Protocol;

/// <summary>A request body that does not follow the wire format of its API and version.</summary>
public sealed class MalformedRequestException(string message) : Exception(message);
