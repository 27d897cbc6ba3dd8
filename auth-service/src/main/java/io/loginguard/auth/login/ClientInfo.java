package io.loginguard.auth.login;

/**
 * Where an attempt came from, as far as the request tells. The IP is the socket peer's, or the forwarded client's
 * only when the peer is a configured trusted proxy ({@code quarkus.http.proxy.*}); otherwise one ingress address
 * would make IP throttling throttle everyone. Device id and user agent are the client's own words: cut to a
 * bounded length and stripped of control characters before they enter any event or log.
 */
public record ClientInfo(String ip, String deviceId, String userAgent) {
    static final int MAX_DEVICE_ID = 128;
    static final int MAX_USER_AGENT = 512;

    public ClientInfo {
        deviceId = clean(deviceId, MAX_DEVICE_ID);
        userAgent = clean(userAgent, MAX_USER_AGENT);
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
