using Microsoft.Playwright;

namespace Workshop.Tests.Charts;

/// <summary>
/// Debian's chromium (found on PATH, installed by download.sh) driven by Playwright: no browser download. Pages
/// run in an offline context, so a chart that needs the internet fails to render.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The chromium binary on PATH, or null.</summary>
    public static string? Executable => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "chromium"))
        .FirstOrDefault(File.Exists);

    public async ValueTask InitializeAsync()
    {
        if (Executable is not { } executable)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>Opens <paramref name="file"/> offline and returns what plotly drew.</summary>
    public async Task<RenderedChart> RenderAsync(string file)
    {
        if (_browser is null)
        {
            Assert.Skip("chromium is not installed (download.sh installs the Debian package)");
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Offline = true });
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            var requests = new List<string>();
            page.PageError += (_, error) => errors.Add(error);
            page.Request += (_, request) => requests.Add(request.Url);
            await page.GotoAsync(new Uri(Path.GetFullPath(file)).AbsoluteUri);
            await page.WaitForFunctionAsync("() => { const gd = document.querySelector('.js-plotly-plot'); return gd && gd._fullLayout && document.querySelector('.main-svg'); }");
            var counts = await page.EvaluateAsync<int[]>(
                "() => [document.querySelectorAll('.barlayer .point').length, document.querySelectorAll('.geo .scatterlayer .point').length, document.querySelectorAll('.geo .js-line').length, document.querySelectorAll('.geo .land').length]");
            return new RenderedChart(counts[0], counts[1], counts[2], counts[3] > 0, errors, requests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal)).ToList());
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>What a chart page drew: bars, map markers and lines, whether land was drawn, script errors and non-file requests.</summary>
public sealed record RenderedChart(int Bars, int MapPoints, int MapLines, bool Land, IReadOnlyList<string> Errors, IReadOnlyList<string> NetworkRequests);
