namespace FraudDetection.Generation;

/// <summary>The stable traits of one generated account: who, where, with what card, device and address.</summary>
internal sealed record AccountProfile(
    long AccountId, string CustomerName, string Email, string Device, string CardBin, string IpAddress, int HomeCity)
{
    public (string City, string Country, string Currency, double Latitude, double Longitude) Home => WorldCities.All[HomeCity];
}
