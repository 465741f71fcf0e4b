using System.Diagnostics;
using Cfn.Tests.Support;
using FraudDetection.LocalStack;
using FraudDetection.Stack;

namespace Cfn.Tests;

/// <summary>
/// Issue 11, defects 5 and 7: subnets in zones MSK accepts, and only regions where every resource type of the template
/// exists (cfn-lint, run here over every region the CLI accepts).
/// </summary>
public sealed class RegionTests
{
    /// <summary>MSK refuses client subnets in these zone IDs.</summary>
    private static readonly string[] ZonesMskRefuses = ["use1-az3"];

    [Fact]
    public void The_region_mapping_lists_exactly_the_regions_the_cli_accepts()
    {
        var mapped = StackTemplate.Kit.Mappings["RegionZones"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal);

        Assert.Equal(StackRegions.Supported.Order(StringComparer.Ordinal), mapped);
    }

    [Fact]
    public void Subnets_are_placed_by_zone_id_never_by_zone_name_index()
    {
        var subnets = StackTemplate.Kit.ResourcesOfType("AWS::EC2::Subnet").ToList();

        Assert.Equal(4, subnets.Count);
        Assert.All(subnets, subnet =>
        {
            var properties = subnet.Resource["Properties"]!.AsObject();
            Assert.False(properties.ContainsKey("AvailabilityZone"), $"{subnet.Name} uses an AZ name (which maps to a different zone per account)");
            Assert.True(TemplateNodes.IsCall(properties["AvailabilityZoneId"], "Fn::FindInMap", out var lookup), subnet.Name);
            Assert.Equal("RegionZones", TemplateNodes.AsString(lookup![0]));
        });
        Assert.DoesNotContain("Fn::GetAZs", StackTemplate.Kit.Root.ToJsonString());
    }

    [Fact]
    public void Every_region_maps_two_distinct_zones_msk_accepts()
    {
        foreach (var (region, zones) in StackTemplate.Kit.Mappings["RegionZones"]!.AsObject())
        {
            var a = zones!["ZoneA"]!.GetValue<string>();
            var b = zones["ZoneB"]!.GetValue<string>();
            Assert.NotEqual(a, b);
            Assert.DoesNotContain(a, ZonesMskRefuses);
            Assert.DoesNotContain(b, ZonesMskRefuses);
        }
    }

    [Fact]
    public async Task Cfn_lint_reports_no_error_for_any_region_the_cli_accepts()
    {
        var (exitCode, lines) = await LintAsync(StackRegions.Supported);

        var errors = lines.Where(IsError).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.True(exitCode is 0 or 4 or 8 or 12, $"cfn-lint exit {exitCode}: {string.Join("\n", lines)}");
    }

    [Fact]
    public async Task Cfn_lint_catches_a_region_without_eventbridge_pipes_which_the_cli_refuses()
    {
        // Not vacuous: il-central-1 lacks AWS::Pipes::Pipe in cfn-lint 1.51's region data.
        var (_, lines) = await LintAsync(["il-central-1"]);

        Assert.Contains(lines, l => IsError(l) && l.Contains("E3006", StringComparison.Ordinal) && l.Contains("AWS::Pipes::Pipe", StringComparison.Ordinal));
        Assert.Throws<StackException>(() => StackRegions.EnsureSupported("il-central-1"));
    }

    /// <summary>Parseable format: file:line:col:line:col:RULE:message; E rules are errors (W and I are reported, not failed).</summary>
    private static bool IsError(string line) => line.Split(':') is { Length: > 5 } fields && fields[5].StartsWith('E');

    private static async Task<(int ExitCode, string[] Lines)> LintAsync(IEnumerable<string> regions)
    {
        var cfnLint = ExecutableSearch.FindOnPath("cfn-lint");
        if (cfnLint is null)
        {
            Assert.Skip("cfn-lint is not on PATH (pip install cfn-lint; checked with cfn-lint 1.51.0)");
        }

        var start = new ProcessStartInfo(cfnLint)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = KitRepository.Root,
        };
        foreach (var argument in new[] { "--format", "parseable", "--regions" }.Concat(regions).Concat(["--", StackTemplate.RelativePath]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await output + await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (process.ExitCode, lines);
    }
}
