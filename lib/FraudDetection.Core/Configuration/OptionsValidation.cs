using System.ComponentModel.DataAnnotations;

namespace FraudDetection.Configuration;

/// <summary>Validates one options object: its data annotations and an optional <see cref="IValidatableObject"/>.</summary>
public static class OptionsValidation
{
    /// <summary>Throws <see cref="KitConfigurationException"/> with one line naming <paramref name="section"/> and each bad key.</summary>
    public static void Validate(object options, string section)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return;
        }

        var problems = results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
        throw new KitConfigurationException($"invalid configuration: {string.Join("; ", problems)}");
    }
}
