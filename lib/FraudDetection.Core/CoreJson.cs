using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FraudDetection;

/// <summary>UTF-8 JSON in through <see cref="CoreJsonContext"/>; throws <see cref="JsonException"/> on bad input (the decoders catch it).</summary>
internal static class CoreJson
{
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Info<T>()) ?? throw new JsonException($"{typeof(T).Name}: JSON null is not a record");

    private static JsonTypeInfo<T> Info<T>() =>
        CoreJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new NotSupportedException($"{typeof(T).Name} is not registered in {nameof(CoreJsonContext)}");
}
