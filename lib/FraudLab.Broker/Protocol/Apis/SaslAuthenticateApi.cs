using System.Text;
using FraudLab.Broker.Security;

namespace FraudLab.Broker.Protocol.Apis;

/// <summary>
/// SaslAuthenticate v0-2: one SCRAM step per request. v2 is Kafka's flexible format (compact fields and tagged
/// fields in header and body), decoded here for this API alone. A failed step answers
/// SASL_AUTHENTICATION_FAILED (or ILLEGAL_SASL_STATE) and the connection closes after that answer, as in Kafka.
/// </summary>
internal sealed class SaslAuthenticateApi : IApiHandler
{
    public ApiKey Key => ApiKey.SaslAuthenticate;

    public short MaxVersion => 2;

    public ValueTask HandleAsync(Request request, ResponseWriter response, CancellationToken ct)
    {
        var session = request.Sasl ?? throw new InvalidOperationException("SaslAuthenticate served on a listener without SASL");
        var flexible = request.Version >= 2;
        var reader = request.Reader();
        byte[] token;
        if (flexible)
        {
            SkipTaggedFields(ref reader); // request header v2's tagged fields
            var length = (int)ReadUnsignedVarint(ref reader) - 1;
            if (length < 0) throw new MalformedRequestException("SaslAuthenticate auth_bytes is null");
            token = new byte[length];
            for (var i = 0; i < length; i++) token[i] = (byte)reader.ReadInt8();
            SkipTaggedFields(ref reader);
        }
        else
        {
            token = reader.ReadBytes();
        }

        short error = ErrorCode.None;
        string? message = null;
        byte[] answer = [];
        if (session.Exchange is null || session.Authenticated || session.ExpectsRawTokens)
        {
            error = ErrorCode.IllegalSaslState;
            message = session.Authenticated ? "already authenticated (re-authentication is not supported)" : "SaslAuthenticate before a SaslHandshake v1";
            session.CloseReason = "SaslAuthenticate out of order: " + message;
        }
        else
        {
            try { answer = session.Step(token); }
            catch (ScramFailedException e)
            {
                error = ErrorCode.SaslAuthenticationFailed;
                message = e.InvalidCredentials
                    ? $"Authentication failed during authentication due to invalid credentials with SASL mechanism {session.Exchange.Mechanism.Name}"
                    : $"Authentication failed: {e.Message}";
                session.CloseReason = $"{session.Exchange.Mechanism.Name} authentication failed for user '{session.Exchange.User}': {e.Message}";
            }
        }

        if (flexible) response.WriteInt8(0); // response header v1's tagged fields
        response.WriteInt16(error);
        if (flexible)
        {
            WriteCompactNullable(response, message is null ? null : Encoding.UTF8.GetBytes(message));
            WriteCompactNullable(response, answer);
        }
        else
        {
            response.WriteNullableString(message);
            response.WriteBytes(answer);
        }
        if (request.Version >= 1) response.WriteInt64(0); // session lifetime: no re-authentication required
        if (flexible) response.WriteInt8(0);
        return ValueTask.CompletedTask;
    }

    private static uint ReadUnsignedVarint(ref KafkaReader reader)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = (byte)reader.ReadInt8();
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new MalformedRequestException("unsigned varint longer than 5 bytes");
    }

    private static void SkipTaggedFields(ref KafkaReader reader)
    {
        var count = ReadUnsignedVarint(ref reader);
        for (var i = 0; i < count; i++)
        {
            ReadUnsignedVarint(ref reader); // tag
            var size = ReadUnsignedVarint(ref reader);
            if (size > reader.Remaining) throw new MalformedRequestException($"tagged field of {size} bytes runs past the end");
            for (var j = 0; j < size; j++) reader.ReadInt8();
        }
    }

    private static void WriteCompactNullable(ResponseWriter response, byte[]? value)
    {
        var length = value is null ? 0u : (uint)value.Length + 1;
        while (length >= 0x80)
        {
            response.WriteInt8((sbyte)(byte)(length | 0x80));
            length >>= 7;
        }
        response.WriteInt8((sbyte)(byte)length);
        if (value is null) return;
        foreach (var b in value) response.WriteInt8((sbyte)b);
    }
}
