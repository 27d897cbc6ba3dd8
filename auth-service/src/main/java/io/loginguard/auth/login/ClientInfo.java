package io.loginguard.auth.login;

/** Where an attempt came from, as far as the request tells. */
public record ClientInfo(String ip, String deviceId, String userAgent) {
}
