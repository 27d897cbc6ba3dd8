package io.loginguard.risk.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.loginguard.risk.config.GeoSettings;
import io.loginguard.risk.geo.CountryNoveltyRule.Novelty;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GeoRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Place BERLIN = new Place(52.52, 13.405);
    private static final Place PARIS = new Place(48.8566, 2.3522);
    private static final Place MADRID = new Place(40.4168, -3.7038);

    private final CountryNoveltyRule countries = new CountryNoveltyRule(GeoSettings.defaults());
    private final ImpossibleTravelRule travel = new ImpossibleTravelRule(GeoSettings.defaults());

    @Test
    void greatCircleDistancesMatchKnownFigures() {
        assertThat(BERLIN.distanceKm(PARIS)).isCloseTo(878, within(5.0));
        assertThat(BERLIN.distanceKm(MADRID)).isCloseTo(1869, within(10.0));
        assertThat(BERLIN.distanceKm(BERLIN)).isZero();
        assertThat(new Place(0, 179.5).distanceKm(new Place(0, -179.5))).isCloseTo(111.2, within(0.5));
    }

    @Test
    void theFirstCountryIsKnownTheSameIsKnownANeighbourIsNew() {
        assertThat(countries.assess(Set.of(), "de")).isEqualTo(Novelty.FIRST);
        assertThat(countries.assess(Set.of("DE"), "DE")).isEqualTo(Novelty.KNOWN);
        assertThat(countries.assess(Set.of("DE"), "AT")).isEqualTo(Novelty.NEW);
        assertThat(countries.assess(Set.of("DE"), null)).isEqualTo(Novelty.UNDETERMINED);
        assertThat(countries.assess(Set.of("DE"), " ")).isEqualTo(Novelty.UNDETERMINED);
    }

    @Test
    void aCountryIsTrustedAfterTheConfiguredNumberOfCleanLogins() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        counts = countries.countCleanLogin(counts, "AT");
        counts = countries.countCleanLogin(counts, "at");
        assertThat(countries.trusted(counts, "AT")).isFalse();
        counts = countries.countCleanLogin(counts, "AT");
        assertThat(countries.trusted(counts, "AT")).isTrue();
        assertThat(countries.trusted(counts, "FR")).isFalse();
    }

    @Test
    void travelJustAboveTheSpeedIsImpossibleAndJustBelowIsNot() {
        double km = BERLIN.distanceKm(MADRID);
        long atLimitMs = (long) Math.ceil(km / 1000 * 3_600_000);
        Instant slowEnough = T0.plusMillis(atLimitMs);
        Instant tooFast = T0.plusMillis(atLimitMs - 1000);

        assertThat(travel.assess(BERLIN, T0, MADRID, slowEnough)).isEmpty();
        assertThat(travel.assess(BERLIN, T0, MADRID, tooFast)).hasValueSatisfying(t -> {
            assertThat(t.distanceKm()).isCloseTo(km, within(0.001));
            assertThat(t.speedKmh()).isGreaterThan(1000);
        });
    }

    @Test
    void shortHopsAndUnknownPlacesAreNeverImpossible() {
        Place near = new Place(52.52, 16.3); // about 196 km east of Berlin
        assertThat(BERLIN.distanceKm(near)).isLessThan(200);
        assertThat(travel.assess(BERLIN, T0, near, T0.plusSeconds(1))).isEmpty();
        assertThat(travel.assess(null, T0, MADRID, T0.plusSeconds(1))).isEmpty();
        assertThat(travel.assess(BERLIN, null, MADRID, T0.plusSeconds(1))).isEmpty();
        assertThat(travel.assess(BERLIN, T0, MADRID, T0)).isPresent(); // no time at all: infinitely fast
        assertThat(travel.assess(BERLIN, T0, MADRID, T0.minus(Duration.ofHours(1)))).isEmpty(); // out of order
    }

    @Test
    void theShippedCentroidsLocateCountriesAndPreferCoordinates() {
        CountryCentroids centroids = CountryCentroids.shipped();
        assertThat(centroids.size()).isGreaterThan(240);
        assertThat(centroids.of("de")).hasValueSatisfying(p -> assertThat(p.latitude()).isCloseTo(51.17, within(0.01)));
        assertThat(centroids.of("XX")).isEmpty();
        assertThat(centroids.locate("DE", 48.1, 11.6)).contains(new Place(48.1, 11.6));
        assertThat(centroids.locate("DE", null, 11.6)).isEqualTo(centroids.of("DE"));
        assertThat(centroids.locate("DE", 123.0, 11.6)).isEqualTo(centroids.of("DE"));
        assertThat(centroids.locate(null, null, null)).isEmpty();
    }
}
