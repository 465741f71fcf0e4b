namespace FraudLab.Notebooks.Magics;

/// <summary>A magic line that is unsupported or malformed; the message names it.</summary>
internal sealed class MagicCommandException(string message) : Exception(message);
