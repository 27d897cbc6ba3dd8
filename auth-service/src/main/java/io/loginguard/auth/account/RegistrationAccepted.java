package io.loginguard.auth.account;

/**
 * The answer to every registration and every request for a code, whatever the identifier's state, so nobody learns
 * from it whether an identifier is registered.
 */
public record RegistrationAccepted(String status, long codeValidMinutes, String next) {
    static RegistrationAccepted of(long validMinutes) {
        return new RegistrationAccepted("verification_pending", validMinutes,
                "POST /api/v1/accounts/verification with the identifier and the code we sent to it");
    }
}
