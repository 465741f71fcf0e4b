using System.Net.Http;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace FraudDetection.Rehearsal;

/// <summary>
/// Creates IAM users in moto through IAM's query API. Meant for the requests moto serves before it enforces IAM
/// (<see cref="MotoServer.NoAuthRequests"/>): three per user (CreateUser, PutUserPolicy, CreateAccessKey).
/// </summary>
public sealed class MotoIam(HttpClient http, Uri endpoint)
{
    public const int RequestsPerUser = 3;

    /// <summary>A user whose only inline policy is <paramref name="policy"/>; returns its access key.</summary>
    public async Task<RoleCredentials> CreateUserAsync(string userName, JsonObject policy, CancellationToken cancellationToken)
    {
        await CallAsync(cancellationToken, ("Action", "CreateUser"), ("UserName", userName)).ConfigureAwait(false);
        await CallAsync(cancellationToken, ("Action", "PutUserPolicy"), ("UserName", userName), ("PolicyName", userName), ("PolicyDocument", policy.ToJsonString())).ConfigureAwait(false);
        var key = await CallAsync(cancellationToken, ("Action", "CreateAccessKey"), ("UserName", userName)).ConfigureAwait(false);
        string Value(string name) => key.Descendants().First(e => e.Name.LocalName == name).Value;
        return new RoleCredentials(userName, Value("AccessKeyId"), Value("SecretAccessKey"));
    }

    private async Task<XDocument> CallAsync(CancellationToken cancellationToken, params (string Key, string Value)[] fields)
    {
        var form = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("Version", "2010-05-08")));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/")) { Content = form };
        // moto routes a request by the service in its credential scope; unsigned requests (before enforcement) need one.
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=rehearsal/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto IAM {fields[0].Value} failed ({(int)response.StatusCode}): {body.ReplaceLineEndings(" ")}");
        }

        return XDocument.Parse(body);
    }
}
