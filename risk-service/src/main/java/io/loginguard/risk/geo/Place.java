package io.loginguard.risk.geo;

/** A point on Earth in degrees. */
public record Place(double latitude, double longitude) {
    private static final double EARTH_RADIUS_KM = 6371.0088;

    public Place {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("not a place: " + latitude + "," + longitude);
        }
    }

    /** A place from coordinates that may be missing or nonsense (events carry what geo-IP gave), else null. */
    public static Place of(Double latitude, Double longitude) {
        if (latitude == null || longitude == null || !(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
            return null;
        }
        return new Place(latitude, longitude);
    }

    /**
     * Great-circle distance by the haversine formula on the mean Earth radius (IUGG), in km. StrictMath, so every JVM
     * computes the same bits and a replay decides the same at the speed limit's edge.
     */
    public double distanceKm(Place other) {
        double lat1 = StrictMath.toRadians(latitude);
        double lat2 = StrictMath.toRadians(other.latitude);
        double dLat = lat2 - lat1;
        double dLon = StrictMath.toRadians(other.longitude - longitude);
        double h = StrictMath.sin(dLat / 2) * StrictMath.sin(dLat / 2)
                + StrictMath.cos(lat1) * StrictMath.cos(lat2) * StrictMath.sin(dLon / 2) * StrictMath.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * StrictMath.asin(StrictMath.min(1, StrictMath.sqrt(h)));
    }
}
