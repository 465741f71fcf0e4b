namespace Microsoft.DotNet.Interactive.Commands;

/// <summary>Code to run as if it were a cell: in the kit's engine, magic commands only (<c>#r</c>, <c>#i</c>).</summary>
public sealed class SubmitCode(string code) : KernelCommand
{
    public string Code { get; } = code;
}
