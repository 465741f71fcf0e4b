namespace FraudDetection.Detection.Rules;

/// <summary>Great-circle distance on a spherical Earth (haversine); error under 0.5 %, plenty for travel speeds.</summary>
public static class GeoDistance
{
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Half the Earth's circumference: no two points are farther apart.</summary>
    public const double MaxKm = Math.PI * EarthRadiusKm;

    public static double Kilometres(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = DegreesToRadians(lat2 - lat1);
        var dLon = DegreesToRadians(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(DegreesToRadians(lat1)) * Math.Cos(DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double DegreesToRadians(double degrees) => degrees * (Math.PI / 180);
}
