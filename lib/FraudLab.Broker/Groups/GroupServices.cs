using Microsoft.Extensions.Logging;

namespace FraudLab.Broker.Groups;

/// <summary>What every group of a coordinator shares.</summary>
internal sealed record GroupServices(IGroupStore Store, TimeProvider Time, ILogger Logger);
