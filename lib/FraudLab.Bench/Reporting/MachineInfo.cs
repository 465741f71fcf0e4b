using System.Runtime.InteropServices;

namespace FraudLab.Bench.Reporting;

/// <summary>What a result was measured on: cores, memory, OS, runtime and library versions.</summary>
public sealed record MachineInfo(
    int Cores,
    long MemoryBytes,
    string OperatingSystem,
    string Architecture,
    string Runtime,
    string ConfluentKafkaVersion,
    string LibrdkafkaVersion)
{
    public static MachineInfo Current()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new MachineInfo(
            Environment.ProcessorCount,
            memory,
            RuntimeInformation.OSDescription,
            RuntimeInformation.OSArchitecture.ToString(),
            RuntimeInformation.FrameworkDescription,
            typeof(Confluent.Kafka.Library).Assembly.GetName().Version?.ToString() ?? "unknown",
            SafeLibrdkafkaVersion());
    }

    private static string SafeLibrdkafkaVersion()
    {
        try
        {
            return Confluent.Kafka.Library.VersionString;
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            return "not loaded";
        }
    }
}
