namespace FraudDetection.Configuration;

/// <summary>Where the kit runs: on the embedded local stack (the default) or on the deployed AWS stack.</summary>
public enum KitMode
{
    Local,
    Aws,
}
