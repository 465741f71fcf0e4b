using System.Text.Json;

namespace FraudDetection.Model;

/// <summary>Decodes and validates one UTF-8 JSON <see cref="FlaggedAccount"/>; never throws on bad bytes.</summary>
public static class FlaggedAccountDecoder
{
    public static DecodeResult<FlaggedAccount> Decode(ReadOnlySpan<byte> utf8Json)
    {
        FlaggedAccount flag;
        try
        {
            flag = CoreJson.Deserialize<FlaggedAccount>(utf8Json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return DecodeResult<FlaggedAccount>.Failure($"malformed flagged account: {ex.Message.ReplaceLineEndings(" ")}");
        }

        if (flag.AccountId <= 0)
        {
            return DecodeResult<FlaggedAccount>.Failure($"Account_Id: must be a positive whole number, got {flag.AccountId}");
        }

        if (flag.UnflagDate is { } unflag && unflag < flag.FlagDate)
        {
            return DecodeResult<FlaggedAccount>.Failure($"Unflag_Date: must not be before Flag_Date ({unflag:O} < {flag.FlagDate:O})");
        }

        return DecodeResult<FlaggedAccount>.Success(flag);
    }
}
