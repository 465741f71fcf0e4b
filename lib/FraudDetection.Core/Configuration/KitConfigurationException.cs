namespace FraudDetection.Configuration;

/// <summary>Configuration that cannot be used; the message is one line naming the section and key.</summary>
public sealed class KitConfigurationException : Exception
{
    public KitConfigurationException(string message)
        : base(message)
    {
    }

    public KitConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
