package io.loginguard.risk.geo;

import io.loginguard.risk.config.GeoSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Impossible travel: two successful logins whose great-circle distance over the time between them is faster than
 * the configured speed (1000 km/h, faster than an airliner over any distance that matters). Distances below a
 * minimum are never judged: geo-IP places an address only roughly.
 */
public final class ImpossibleTravelRule {
    private static final double MS_PER_HOUR = 3_600_000d;

    private final GeoSettings settings;

    public ImpossibleTravelRule(GeoSettings settings) {
        this.settings = settings;
    }

    /** The travel, if it is impossible; empty when possible or when either place is unknown. */
    public Optional<Travel> assess(Place from, Instant fromAt, Place to, Instant toAt) {
        if (from == null || to == null || fromAt == null || toAt.isBefore(fromAt)) {
            return Optional.empty();
        }
        double km = from.distanceKm(to);
        if (km < settings.impossibleTravelMinDistanceKm()) {
            return Optional.empty();
        }
        long ms = Duration.between(fromAt, toAt).toMillis();
        double kmh = ms == 0 ? Double.POSITIVE_INFINITY : km / (ms / MS_PER_HOUR);
        return kmh > settings.impossibleTravelSpeedKmh() ? Optional.of(new Travel(km, kmh)) : Optional.empty();
    }

    public record Travel(double distanceKm, double speedKmh) {
    }
}
