namespace FraudLab.Notebooks.Ipynb;

/// <summary>One output of a code cell, in nbformat 4's four kinds.</summary>
public abstract record NotebookOutput(string OutputType);
