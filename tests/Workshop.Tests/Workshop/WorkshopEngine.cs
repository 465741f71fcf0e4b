namespace Workshop.Tests.Workshop;

/// <summary>Where the workshop's notebooks run.</summary>
public enum WorkshopEngine
{
    /// <summary>The kit's own engine (FraudLab.Notebooks), in the test process.</summary>
    Builtin,

    /// <summary>The real .NET Interactive kernel through Jupyter (nbclient): Run All.</summary>
    RealKernel,

    /// <summary>The real kernel, each code cell executed twice in a row (interactive use).</summary>
    RealKernelRerun,
}
