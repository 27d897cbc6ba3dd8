package io.loginguard.risk.config;

/**
 * The numbers of the geo rules.
 *
 * @param cleanLoginsToTrust            completed step-ups from a country after which it is known
 * @param impossibleTravelSpeedKmh      a speed between two successful logins above this is impossible travel
 * @param impossibleTravelMinDistanceKm distances below this are never impossible travel: geo-IP places a city tens to
 *                                      a few hundred km off, which over minutes looks like a jet
 */
public record GeoSettings(int cleanLoginsToTrust, double impossibleTravelSpeedKmh, double impossibleTravelMinDistanceKm) {

    public GeoSettings {
        if (cleanLoginsToTrust < 1) {
            throw new IllegalArgumentException("cleanLoginsToTrust must be at least 1, was " + cleanLoginsToTrust);
        }
        if (!(impossibleTravelSpeedKmh > 0)) {
            throw new IllegalArgumentException("impossibleTravelSpeedKmh must be positive, was " + impossibleTravelSpeedKmh);
        }
        if (!(impossibleTravelMinDistanceKm >= 0)) {
            throw new IllegalArgumentException("impossibleTravelMinDistanceKm must not be negative");
        }
    }

    /** The seed's 1000 km/h; 3 clean logins; 200 km minimum distance (not a seed number, see the README). */
    public static GeoSettings defaults() {
        return new GeoSettings(3, 1000, 200);
    }
}
