namespace FraudDetection.Generation;

/// <summary>Home cities of generated accounts, with coordinates (far enough apart for impossible-travel scenarios).</summary>
internal static class WorldCities
{
    public static readonly (string City, string Country, string Currency, double Latitude, double Longitude)[] All =
    [
        ("New York", "US", "USD", 40.7128, -74.0060),
        ("Los Angeles", "US", "USD", 34.0522, -118.2437),
        ("Chicago", "US", "USD", 41.8781, -87.6298),
        ("Seattle", "US", "USD", 47.6062, -122.3321),
        ("Toronto", "CA", "CAD", 43.6532, -79.3832),
        ("Mexico City", "MX", "MXN", 19.4326, -99.1332),
        ("Sao Paulo", "BR", "BRL", -23.5505, -46.6333),
        ("London", "GB", "GBP", 51.5074, -0.1278),
        ("Paris", "FR", "EUR", 48.8566, 2.3522),
        ("Berlin", "DE", "EUR", 52.5200, 13.4050),
        ("Madrid", "ES", "EUR", 40.4168, -3.7038),
        ("Lagos", "NG", "NGN", 6.5244, 3.3792),
        ("Nairobi", "KE", "KES", -1.2921, 36.8219),
        ("Dubai", "AE", "AED", 25.2048, 55.2708),
        ("Mumbai", "IN", "INR", 19.0760, 72.8777),
        ("Singapore", "SG", "SGD", 1.3521, 103.8198),
        ("Tokyo", "JP", "JPY", 35.6762, 139.6503),
        ("Seoul", "KR", "KRW", 37.5665, 126.9780),
        ("Sydney", "AU", "AUD", -33.8688, 151.2093),
        ("Auckland", "NZ", "NZD", -36.8485, 174.7633),
    ];
}
