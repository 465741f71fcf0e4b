using System.Diagnostics.CodeAnalysis;

namespace FraudDetection.Model;

/// <summary>Either a decoded record or one line saying which field was wrong and why.</summary>
public readonly record struct DecodeResult<T>
    where T : class
{
    private DecodeResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    /// <summary>e.g. <c>Transaction_Amount: expected a number, got a string</c>.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    public static DecodeResult<T> Success(T value) => new(value, null);

    public static DecodeResult<T> Failure(string error) => new(null, error);
}
