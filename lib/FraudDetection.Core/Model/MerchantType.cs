using System.Text.Json.Serialization;

namespace FraudDetection.Model;

/// <summary>Merchant categories of the original workshop; the JSON spelling is kept exactly (including "Food and Beverage").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MerchantType>))]
public enum MerchantType
{
    [JsonStringEnumMemberName("Grocery_Store")]
    GroceryStore,

    [JsonStringEnumMemberName("Gas_Station")]
    GasStation,

    [JsonStringEnumMemberName("Shopping_Mall")]
    ShoppingMall,

    [JsonStringEnumMemberName("City_Services")]
    CityServices,

    [JsonStringEnumMemberName("HealthCare_Service")]
    HealthCareService,

    [JsonStringEnumMemberName("Food and Beverage")]
    FoodAndBeverage,

    [JsonStringEnumMemberName("Others")]
    Others,
}
