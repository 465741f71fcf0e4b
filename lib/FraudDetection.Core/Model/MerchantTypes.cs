using System.Text;

namespace FraudDetection.Model;

/// <summary>The JSON spellings of <see cref="MerchantType"/>, for decoders and generators.</summary>
public static class MerchantTypes
{
    public static readonly MerchantType[] All = Enum.GetValues<MerchantType>();

    /// <summary>JSON names, in <see cref="All"/> order.</summary>
    public static readonly string[] Names =
        ["Grocery_Store", "Gas_Station", "Shopping_Mall", "City_Services", "HealthCare_Service", "Food and Beverage", "Others"];

    internal static readonly byte[][] Utf8Names = Array.ConvertAll(Names, Encoding.UTF8.GetBytes);

    internal static readonly string NameList = string.Join(", ", Names);

    public static string JsonName(this MerchantType type) => Names[(int)type];
}
