namespace FraudLab.Notebooks.Jupyter;

/// <summary>The Jupyter kernel cannot be used here: no Python with nbclient, no kernel spec, or the kernel tool is missing. The message says which.</summary>
public sealed class KernelUnavailableException(string message) : Exception(message);
