using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FraudDetection.Model;

/// <summary>UTF-8 JSON in and out through <see cref="FraudJsonContext"/>. Throws <see cref="JsonException"/> on bad input; use <see cref="TransactionDecoder"/> for untrusted transactions.</summary>
public static class FraudJson
{
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Info<T>());

    public static void Serialize<T>(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, Info<T>());

    public static string SerializeToString<T>(T value) => JsonSerializer.Serialize(value, Info<T>());

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Info<T>()) ?? throw new JsonException($"{typeof(T).Name}: JSON null is not a record");

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize(json, Info<T>()) ?? throw new JsonException($"{typeof(T).Name}: JSON null is not a record");

    private static JsonTypeInfo<T> Info<T>() =>
        FraudJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new NotSupportedException($"{typeof(T).Name} is not registered in {nameof(FraudJsonContext)}");
}
