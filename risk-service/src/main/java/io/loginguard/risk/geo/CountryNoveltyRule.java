package io.loginguard.risk.geo;

import io.loginguard.risk.config.GeoSettings;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Cross-border logins (seed 000: "logged in from Location A for a long time and suddenly logs in from Location B,
 * especially cross-border ... requiring facial reverification"). A successful password from a country the account has
 * never used asks for a step-up. The first country an account logs in from is known; another becomes known when a
 * reviewer confirms the person's identity (IDENTITY_CONFIRMED on ticket.events) or after a number of completed
 * step-ups from it.
 */
public final class CountryNoveltyRule {
    private final GeoSettings settings;

    public CountryNoveltyRule(GeoSettings settings) {
        this.settings = settings;
    }

    public enum Novelty {
        /** The account's first successful login: its country becomes known. */
        FIRST,
        KNOWN,
        /** Never used: step-up. */
        NEW,
        /** No country on the attempt: nothing to judge. */
        UNDETERMINED
    }

    public Novelty assess(Set<String> knownCountries, String country) {
        String code = normalize(country);
        if (code == null) {
            return Novelty.UNDETERMINED;
        }
        if (knownCountries.isEmpty()) {
            return Novelty.FIRST;
        }
        return knownCountries.contains(code) ? Novelty.KNOWN : Novelty.NEW;
    }

    /**
     * Counts a completed step-up from {@code country}.
     *
     * @return the counts after it; the country is absent from them once it became known ({@link #trusted})
     */
    public SortedMap<String, Integer> countCleanLogin(SortedMap<String, Integer> counts, String country) {
        String code = normalize(country);
        TreeMap<String, Integer> next = new TreeMap<>(counts);
        if (code != null) {
            next.merge(code, 1, Integer::sum);
        }
        return next;
    }

    public boolean trusted(SortedMap<String, Integer> counts, String country) {
        String code = normalize(country);
        return code != null && counts.getOrDefault(code, 0) >= settings.cleanLoginsToTrust();
    }

    public static String normalize(String country) {
        if (country == null || country.isBlank()) {
            return null;
        }
        return country.trim().toUpperCase(Locale.ROOT);
    }
}
