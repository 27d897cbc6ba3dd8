package io.loginguard.risk.engine;

import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.device.DeviceNoveltyRule;
import io.loginguard.risk.geo.CountryCentroids;
import io.loginguard.risk.geo.CountryNoveltyRule;
import io.loginguard.risk.geo.ImpossibleTravelRule;
import io.loginguard.risk.geo.Place;
import io.loginguard.risk.ipchange.IpChangeRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules about who logs in from where, run on a password the lockout let through: a new country or impossible
 * travel or frequent IP changes ask for a step-up, a new device is an alert. A stepped-up login is not the account's
 * last login (its place is not trusted yet), so an attacker's attempt far away cannot make the owner's next login at
 * home look like impossible travel.
 */
final class LoginNovelty {
    static final String REASON_NEW_COUNTRY = "geo.new-country";
    static final String REASON_IMPOSSIBLE_TRAVEL = "geo.impossible-travel";
    static final String REASON_IP_CHANGES = "ip.frequent-changes";
    static final String REASON_NEW_DEVICE = "device.new";

    private final CountryNoveltyRule countries;
    private final ImpossibleTravelRule travel;
    private final IpChangeRule ipChanges;
    private final DeviceNoveltyRule devices;
    private final CountryCentroids centroids;

    LoginNovelty(RiskSettings settings, CountryCentroids centroids) {
        this.countries = new CountryNoveltyRule(settings.geo());
        this.travel = new ImpossibleTravelRule(settings.geo());
        this.ipChanges = new IpChangeRule(settings.ipChanges());
        this.devices = new DeviceNoveltyRule(settings.maxKnownDevices());
        this.centroids = centroids;
    }

    /** A successful password the lockout allowed. */
    void passwordSucceeded(Judgement j, RiskProfile before) {
        LoginAttempted a = j.attempt;
        Instant at = a.occurredAt();
        String country = CountryNoveltyRule.normalize(a.country());
        Optional<Place> here = centroids.locate(country, a.latitude(), a.longitude());
        List<String> stepUps = new ArrayList<>(3);
        List<String> alerts = new ArrayList<>(2);
        switch (countries.assess(j.state.base().knownCountries(), country)) {
            case FIRST -> j.state.knownCountries(withCountry(j.state.base().knownCountries(), country));
            case NEW -> {
                stepUps.add(REASON_NEW_COUNTRY);
                j.profile.pendingCountry(country);
                j.decide(RiskDecision.Type.NEW_LOCATION, null, Map.of("reason", REASON_NEW_COUNTRY, "country", country));
            }
            default -> { }
        }
        Place last = Place.of(j.state.base().lastLatitude(), j.state.base().lastLongitude());
        travel.assess(last, j.state.base().lastLoginAt(), here.orElse(null), at).ifPresent(t -> {
            stepUps.add(REASON_IMPOSSIBLE_TRAVEL);
            alerts.add(String.format(Locale.ROOT, "%.0f km at %.0f km/h", t.distanceKm(),
                    Math.min(t.speedKmh(), 1e9)));
        });
        IpChangeRule.Assessment ips = ipChanges.assess(before.loginIps(), a.ip(), at);
        j.profile.loginIps(ips.recent());
        if (ips.tooMany()) {
            stepUps.add(REASON_IP_CHANGES);
            alerts.add(ips.distinctIps() + " addresses");
        }
        DeviceNoveltyRule.Assessment device = devices.assess(before.devices(), a.deviceId(), at);
        j.profile.devices(device.known());
        j.state.knownDevices(device.known().keySet());
        if (device.isNew()) {
            j.decide(RiskDecision.Type.NEW_DEVICE, null, Map.of("reason", REASON_NEW_DEVICE, "device", a.deviceId()));
        }
        if (stepUps.isEmpty()) {
            j.state.stepUpPending(false);
            j.state.lastLogin(country, at, here.map(Place::latitude).orElse(null),
                    here.map(Place::longitude).orElse(null));
            return;
        }
        j.refuse(Verdict.STEP_UP, stepUps);
        j.state.stepUpPending(true);
        List<String> beyondCountry = stepUps.stream().filter(r -> !r.equals(REASON_NEW_COUNTRY)).toList();
        if (!beyondCountry.isEmpty()) {
            j.decide(RiskDecision.Type.STEP_UP_REQUIRED, null,
                    Map.of("reason", String.join(",", beyondCountry), "observed", String.join("; ", alerts)));
        }
    }

    /**
     * A completed step-up: the person passed the re-verification auth asked for. It counts towards trusting the
     * country, and its place is the account's last login.
     */
    void stepUpSucceeded(Judgement j, RiskProfile before) {
        LoginAttempted a = j.attempt;
        String country = CountryNoveltyRule.normalize(a.country());
        if (country != null && !j.state.base().knownCountries().contains(country)) {
            SortedMap<String, Integer> counts = countries.countCleanLogin(before.countryCleanLogins(), country);
            if (countries.trusted(counts, country)) {
                j.state.knownCountries(withCountry(j.state.base().knownCountries(), country));
                TreeMap<String, Integer> rest = new TreeMap<>(counts);
                rest.remove(country);
                counts = rest;
                if (country.equals(before.pendingCountry())) {
                    j.profile.pendingCountry(null);
                }
            }
            j.profile.countryCleanLogins(counts);
        }
        Optional<Place> here = centroids.locate(country, a.latitude(), a.longitude());
        j.state.stepUpPending(false);
        j.state.lastLogin(country, a.occurredAt(), here.map(Place::latitude).orElse(null),
                here.map(Place::longitude).orElse(null));
    }

    static TreeSet<String> withCountry(java.util.Set<String> known, String country) {
        TreeSet<String> next = new TreeSet<>(known);
        next.add(country);
        return next;
    }
}
