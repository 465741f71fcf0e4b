using FraudLab.Notebooks.Execution;
using FraudLab.Notebooks.Ipynb;
using FraudLab.Notebooks.Tests.Support;

namespace FraudLab.Notebooks.Tests.Packages;

/// <summary>
/// Real restores through the notebook magics. Packages from the registry go to the default cache so that
/// only the first run pays for the restore; local feed packages use a throw-away cache.
/// </summary>
public sealed class NuGetRestorerTests
{
    private static string Result(NotebookRunResult result, int cell) =>
        result.Notebook.Cells[cell].Outputs.OfType<ExecuteResultOutput>().Single().Data.Text(MimeBundle.PlainText)!;

    [Fact]
    public async Task A_package_from_a_relative_local_feed_is_restored_again_after_a_re_pack_of_the_same_version()
    {
        var id = "FraudLab.Tiny." + Guid.NewGuid().ToString("N")[..8];
        using var notebook = new TestNotebook($"#i \"nuget: feed\"\n#r \"nuget: {id}, {TinyPackage.Version}\"", "Tiny.Info.Message");
        var options = new NotebookRunOptions { PackageCacheDirectory = Path.Combine(notebook.Folder, "cache") };
        var feed = Path.Combine(notebook.Folder, "feed");

        TinyPackage.Pack(id, "first build", feed);
        var first = await notebook.RunAsync(options);
        TinyPackage.Pack(id, "second build", feed);
        var second = await notebook.RunAsync(options);

        Assert.True(first.Succeeded, first.FirstFailure?.Error);
        Assert.Equal("first build", Result(first, 1));
        Assert.True(second.Succeeded, second.FirstFailure?.Error);
        Assert.Equal("second build", Result(second, 1));
    }

    [Fact]
    public async Task A_package_from_the_machine_nuget_cache_is_referenced()
    {
        using var notebook = new TestNotebook(
            "#i \"nuget: ~/.nuget/packages\"\n#r \"nuget: Bogus, 35.6.5\"",
            "new Bogus.Faker().Random.Int(7, 7)");

        var result = await notebook.RunAsync();

        Assert.True(result.Succeeded, result.FirstFailure?.Error);
        Assert.Equal("7", Result(result, 1));
    }

    [Fact]
    public async Task Native_assets_of_a_package_are_loadable()
    {
        using var notebook = new TestNotebook(
            "#r \"nuget: Confluent.Kafka, 2.16.0\"",
            "Confluent.Kafka.Library.VersionString");

        var result = await notebook.RunAsync();

        Assert.True(result.Succeeded, result.FirstFailure?.Error);
        Assert.StartsWith("2.16", Result(result, 1)); // librdkafka's own version: the native library loaded
    }

    [Fact]
    public async Task A_package_that_cannot_be_restored_is_an_error_naming_it()
    {
        using var notebook = new TestNotebook("#r \"nuget: FraudLab.No.Such.Package, 9.9.9\"", "1");

        var result = await notebook.RunAsync(new NotebookRunOptions { PackageCacheDirectory = Path.Combine(notebook.Folder, "cache") });

        var error = result.Notebook.Cells[0].Outputs.OfType<ErrorOutput>().Single();
        Assert.Equal("PackageRestoreError", error.EName);
        Assert.StartsWith("cell 1: could not restore FraudLab.No.Such.Package, 9.9.9", error.EValue);
        Assert.Equal(CellStatus.NotRun, result.Cells[1].Status);
    }
}
