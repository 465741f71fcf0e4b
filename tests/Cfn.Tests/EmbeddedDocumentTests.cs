using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cfn.Tests.Support;

namespace Cfn.Tests;

/// <summary>Documents the template carries as strings (JSON, the host's boot script) are themselves well-formed.</summary>
public sealed partial class EmbeddedDocumentTests
{
    private static JsonObject Properties(string resource) => StackTemplate.Kit.Resources[resource]!["Properties"]!.AsObject();

    [Theory]
    [InlineData("ProcessorRepository", "LifecyclePolicy.LifecyclePolicyText")]
    [InlineData("KafkaSecret", "GenerateSecretString.SecretStringTemplate")]
    public void Embedded_json_parses(string resource, string path)
    {
        var text = path.Split('.').Aggregate((JsonNode?)Properties(resource), (node, key) => node?[key])!.GetValue<string>();

        Assert.NotNull(JsonNode.Parse(text));
    }

    [Fact]
    public void Every_alert_filter_pattern_parses()
    {
        var filters = Properties("AlertPipe")["SourceParameters"]!["FilterCriteria"]!["Filters"]!.AsArray();

        Assert.All(filters, f => Assert.IsType<JsonObject>(JsonNode.Parse(f!["Pattern"]!.GetValue<string>())));
    }

    [Fact]
    public void The_host_boot_script_is_valid_bash()
    {
        var sub = Properties("WorkshopHost")["UserData"]!["Fn::Base64"]!["Fn::Sub"]!.GetValue<string>();
        // Fill every ${Variable} the way Fn::Sub would, with a harmless stand-in.
        var script = SubVariable().Replace(sub, m => $"sub-{m.Groups[1].Value.Replace("::", "-", StringComparison.Ordinal).ToLowerInvariant()}");
        Assert.StartsWith("#!/bin/bash\n", script);
        var file = Path.Combine(Path.GetTempPath(), $"fraudlab-userdata-{Guid.NewGuid():N}.sh");
        File.WriteAllText(file, script);
        try
        {
            Assert.Equal(string.Empty, BashSyntaxErrors(file));
            var startScript = ExtractHeredoc(script, "SCRIPT");
            File.WriteAllText(file, startScript);
            Assert.Equal(string.Empty, BashSyntaxErrors(file));
            Assert.Contains("--server.address=127.0.0.1", startScript);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ExtractHeredoc(string script, string marker)
    {
        var start = script.IndexOf($"<<'{marker}'\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no heredoc {marker}");
        var body = script[(script.IndexOf('\n', start) + 1)..];
        return body[..body.IndexOf($"\n{marker}\n", StringComparison.Ordinal)] + "\n";
    }

    private static string BashSyntaxErrors(string file)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(file);
        Process bash;
        try
        {
            bash = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("bash is not installed here, so the boot script cannot be syntax-checked");
            throw;
        }

        using (bash)
        {
            var errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            return bash.ExitCode == 0 && errors.Length == 0 ? string.Empty : errors; // warnings too (an unterminated heredoc is only a warning)
        }
    }

    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubVariable();
}
