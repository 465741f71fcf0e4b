namespace FraudLab.Broker.Protocol;

/// <summary>Serves one API key: decodes the body, does the work, encodes the response body.</summary>
internal interface IApiHandler
{
    ApiKey Key { get; }

    short MinVersion => 0;

    short MaxVersion { get; }

    /// <summary>Writes the response body after the header the caller already wrote.</summary>
    ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct);
}
