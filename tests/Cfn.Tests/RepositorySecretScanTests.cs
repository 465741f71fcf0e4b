using System.Diagnostics;
using System.Text.RegularExpressions;
using Cfn.Tests.Support;

namespace Cfn.Tests;

/// <summary>No secret, private key or credential in any file git tracks (the original workshop shipped a private key).</summary>
public sealed partial class RepositorySecretScanTests
{
    private static readonly (string Name, Regex Pattern)[] Detectors =
    [
        ("PEM private key", PemPrivateKey()),
        ("AWS access key id", AwsAccessKeyId()),
        ("AWS secret access key", AwsSecretAccessKey()),
        ("GitHub token", GitHubToken()),
        ("Slack token", SlackToken()),
    ];

    private static readonly string[] KeyFileNames = [".pem", ".key", ".p12", ".pfx", "id_rsa", "id_ed25519", "id_ecdsa"];

    [Fact]
    public void No_tracked_file_holds_a_secret()
    {
        var findings = new List<string>();
        foreach (var file in TrackedFiles())
        {
            var path = Path.Combine(KitRepository.Root, file);
            if (KeyFileNames.Any(k => file.EndsWith(k, StringComparison.OrdinalIgnoreCase)))
            {
                findings.Add($"{file}: a key file is tracked");
            }

            if (!File.Exists(path))
            {
                continue; // deleted in the working tree; nothing to read
            }

            findings.AddRange(Scan(File.ReadAllText(path)).Select(name => $"{file}: {name}"));
        }

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Theory]
    [InlineData("PEM private key")]
    [InlineData("AWS access key id")]
    [InlineData("AWS secret access key")]
    public void Each_detector_finds_its_secret(string detector)
    {
        // Built at run time so this file itself holds nothing a scanner would flag.
        var samples = new Dictionary<string, string>
        {
            ["PEM private key"] = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIE...",
            ["AWS access key id"] = "key = AK" + "IA" + new string('Q', 16),
            ["AWS secret access key"] = "aws_secret_" + "access_key = " + new string('x', 20) + "/" + new string('Y', 19),
        };

        Assert.Contains(detector, Scan(samples[detector]));
    }

    private static IEnumerable<string> Scan(string text) => Detectors.Where(d => d.Pattern.IsMatch(text)).Select(d => d.Name);

    private static IReadOnlyList<string> TrackedFiles()
    {
        if (!Directory.Exists(Path.Combine(KitRepository.Root, ".git")) && !File.Exists(Path.Combine(KitRepository.Root, ".git")))
        {
            Assert.Skip($"{KitRepository.Root} is not a git checkout, so there are no tracked files to scan");
        }

        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-C", KitRepository.Root, "ls-files", "-z" })
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git ls-files failed: {git.StandardError.ReadToEnd()}");
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?i)aws_?secret_?access_?key[""']?\s*[:=]\s*[""']?[A-Za-z0-9/+=]{40}\b")]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{36}\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();
}
