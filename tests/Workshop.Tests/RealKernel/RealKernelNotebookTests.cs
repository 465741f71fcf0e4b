using Workshop.Tests.Charts;
using Workshop.Tests.Workshop;

namespace Workshop.Tests.RealKernel;

/// <summary>
/// The workshop in the real .NET Interactive kernel (the one VS Code and Jupyter run), through Jupyter's nbclient with
/// the kernel spec <c>.net-csharp</c> that download.sh registers: the same notebooks and checks as the kit's engine.
/// Skips with the reason where Python/nbclient or the kernel tool is missing.
/// </summary>
[Collection(WorkshopCollection.Name)]
public sealed class RealKernelNotebookTests(WorkshopSession workshop, ChromiumBrowser browser)
    : WorkshopNotebookTests(workshop, browser, WorkshopEngine.RealKernel), IClassFixture<ChromiumBrowser>;
