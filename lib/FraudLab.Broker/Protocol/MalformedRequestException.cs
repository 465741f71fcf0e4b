namespace FraudLab.Broker.Protocol;

/// <summary>A request body that does not follow the wire format of its API and version.</summary>
internal sealed class MalformedRequestException(string message) : Exception(message);
