package io.loginguard.auth.login;

import io.loginguard.events.LoginSource;

/**
 * Where an attempt came from, as far as the request tells. The IP is the socket peer's, or the forwarded client's
 * only when the peer is a configured trusted proxy ({@code quarkus.http.proxy.*}); otherwise one ingress address
 * would make IP throttling throttle everyone. Device id and user agent are the client's own words: cut to a
 * bounded length and stripped of control characters before they enter any event or log.
 */
public record ClientInfo(String ip, String deviceId, String userAgent, String country, Double latitude, Double longitude) {
    static final int MAX_DEVICE_ID = 128;
    static final int MAX_USER_AGENT = 512;

    public ClientInfo {
        deviceId = clean(deviceId, MAX_DEVICE_ID);
        userAgent = clean(userAgent, MAX_USER_AGENT);
        country = country == null || !country.strip().matches("[A-Za-z]{2}") ? null : country.strip().toUpperCase(java.util.Locale.ROOT);
        latitude = latitude == null || latitude.isNaN() || Math.abs(latitude) > 90 ? null : latitude;
        longitude = longitude == null || longitude.isNaN() || Math.abs(longitude) > 180 ? null : longitude;
        if (latitude == null || longitude == null) {
            latitude = null;
            longitude = null;
        }
    }

    public ClientInfo(String ip, String deviceId, String userAgent) {
        this(ip, deviceId, userAgent, null, null, null);
    }

    /**
     * The digest of this device and address together, as risk names a source it locked (lockout mode
     * account-and-source): the attempt's event carries the same device and address, so both sides agree.
     */
    public String source() {
        return LoginSource.digest(deviceId, ip);
    }

    /** A coordinate from a header: a finite number of degrees, else none. */
    static Double degrees(String header) {
        if (header == null || header.isBlank() || header.length() > 32) {
            return null;
        }
        try {
            double v = Double.parseDouble(header.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength));
        value.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .limit(maxLength)
                .forEach(out::appendCodePoint);
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
