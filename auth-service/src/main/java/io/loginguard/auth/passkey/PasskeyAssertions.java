package io.loginguard.auth.passkey;

import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import io.loginguard.auth.config.PasskeysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Signing with a passkey: the request options of a ceremony (a login's second step, a passwordless login, a proof
 * before a sensitive change) and the check of the assertion that comes back: signature, challenge, origin, rp id
 * and sign counter.
 */
@ApplicationScoped
public class PasskeyAssertions {
    private static final Logger LOG = Logger.getLogger(PasskeyAssertions.class);

    private final WebAuthn webauthn;
    private final PasskeyChallenges challenges;
    private final PasskeysConfig config;
    private final Clock clock;

    public PasskeyAssertions(WebAuthn webauthn, PasskeyChallenges challenges, Clock clock) {
        this.webauthn = webauthn;
        this.challenges = challenges;
        this.config = webauthn.config();
        this.clock = clock;
    }

    /** The result of navigator.credentials.get(), flattened (every binary field base64url). */
    public record Assertion(String id, String clientDataJSON, String authenticatorData, String signature,
                            String userHandle) {
    }

    /** Why an assertion failed (for logs and tests; the caller answers the same way to all of them). */
    public enum Failure { UNREADABLE, CHALLENGE, UNKNOWN_PASSKEY, SIGNATURE, COUNTER }

    /** The outcome of checking an assertion: the account on success, else why not. */
    public record Checked(UUID accountId, Failure failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** PublicKeyCredentialRequestOptions (JSON form): the account's passkeys allowed, or any discoverable one. */
    @Transactional
    public Map<String, Object> options(String purpose, UUID accountId, boolean userVerification) {
        String challenge = challenges.issue(purpose);
        List<Map<String, Object>> allow = accountId == null ? List.of() : Passkey.of(accountId).stream()
                .map(p -> Map.<String, Object>of("type", "public-key", "id", p.credentialId)).toList();
        return Map.of("challenge", challenge, "rpId", config.rpId(), "timeout", config.challengeTtl().toMillis(),
                "allowCredentials", allow, "userVerification", userVerification ? "required" : "preferred");
    }

    /** The account of the passkey an assertion names, without checking anything else. */
    @Transactional
    public Optional<UUID> accountOf(Assertion assertion) {
        if (assertion == null || assertion.id() == null) {
            return Optional.empty();
        }
        return Passkey.accountOf(assertion.id());
    }

    /**
     * Checks an assertion: the challenge is taken (it must have been issued for {@code purpose}), the passkey must
     * belong to {@code accountId} when one is given, the signature, origin and rp id are verified, and the sign
     * counter must grow unless both it and the stored one are zero (authenticators that keep no counter). The
     * passkey row is locked, so one assertion is accepted once however many requests carry it. Call in a
     * transaction; it records the new counter and the time of use.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Checked check(Assertion assertion, String purpose, UUID accountId, boolean userVerification) {
        AuthenticationData data;
        try {
            data = webauthn.parseAssertion(assertion);
        } catch (WebAuthnException | IllegalArgumentException | NullPointerException e) {
            return new Checked(null, Failure.UNREADABLE);
        }
        String challenge = WebAuthn.B64.encodeToString(data.getCollectedClientData().getChallenge().getValue());
        if (!challenges.take(challenge).filter(purpose::equals).isPresent()) {
            return new Checked(null, Failure.CHALLENGE);
        }
        Optional<Passkey> found = Passkey.byCredentialIdForUpdate(WebAuthn.B64.encodeToString(data.getCredentialId()))
                .filter(p -> accountId == null || p.accountId.equals(accountId));
        if (found.isEmpty()) {
            return new Checked(null, Failure.UNKNOWN_PASSKEY);
        }
        Passkey p = found.get();
        if (p.signCount > 0 && data.getAuthenticatorData() != null && data.getAuthenticatorData().getSignCount() <= p.signCount) {
            // a counter that does not grow: a cloned authenticator or a replayed assertion
            LOG.warnf("passkey %s of account %s presented sign count %d, stored %d: refused", p.id, p.accountId,
                    data.getAuthenticatorData().getSignCount(), p.signCount);
            return new Checked(p.accountId, Failure.COUNTER);
        }
        try {
            webauthn.verify(data, challenge, p, userVerification);
        } catch (MaliciousCounterValueException e) {
            return new Checked(p.accountId, Failure.COUNTER);
        } catch (WebAuthnException e) {
            LOG.infof("passkey %s assertion refused: %s", p.id, e.getClass().getSimpleName());
            return new Checked(p.accountId, Failure.SIGNATURE);
        }
        p.signCount = data.getAuthenticatorData().getSignCount();
        p.backedUp = data.getAuthenticatorData().isFlagBS();
        p.uvInitialized = p.uvInitialized || data.getAuthenticatorData().isFlagUV();
        p.lastUsedAt = clock.instant();
        p.update();
        return new Checked(p.accountId, null);
    }
}
