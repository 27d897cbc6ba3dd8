package io.loginguard.auth.passkey;

import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.util.exception.WebAuthnException;
import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountEvents;
import io.loginguard.auth.config.PasskeysConfig;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Adding a passkey: the creation options (attestation "none" asked for, any format accepted without a trust chain:
 * a passkey proves possession, not a make of authenticator) and the verified result stored with its counter.
 */
@ApplicationScoped
public class PasskeyRegistration {
    private static final Logger LOG = Logger.getLogger(PasskeyRegistration.class);

    private final WebAuthn webauthn;
    private final PasskeyChallenges challenges;
    private final AccountEvents events;
    private final PasskeysConfig config;
    private final Clock clock;

    public PasskeyRegistration(WebAuthn webauthn, PasskeyChallenges challenges, AccountEvents events, Clock clock) {
        this.webauthn = webauthn;
        this.challenges = challenges;
        this.events = events;
        this.config = webauthn.config();
        this.clock = clock;
    }

    /** The result of navigator.credentials.create(), flattened (every binary field base64url). */
    public record NewPasskey(String name, String id, String clientDataJSON, String attestationObject,
                             List<String> transports) {
    }

    /** PublicKeyCredentialCreationOptions (JSON form) for the account, its challenge stored for one use. */
    @Transactional
    public Map<String, Object> options(Account a) {
        String challenge = challenges.issue("reg:" + a.id);
        String who = a.email != null ? a.email : a.phone;
        List<Map<String, Object>> exclude = Passkey.of(a.id).stream()
                .map(p -> Map.<String, Object>of("type", "public-key", "id", p.credentialId)).toList();
        return Map.of(
                "challenge", challenge,
                "rp", Map.of("id", config.rpId(), "name", config.rpName()),
                "user", Map.of("id", WebAuthn.userHandle(a.id), "name", who, "displayName", who),
                "pubKeyCredParams", List.of(Map.of("type", "public-key", "alg", -7),
                        Map.of("type", "public-key", "alg", -257)),
                "timeout", config.challengeTtl().toMillis(),
                "excludeCredentials", exclude,
                "authenticatorSelection", Map.of("residentKey", "required", "requireResidentKey", true,
                        "userVerification", "preferred"),
                "attestation", "none");
    }

    /** Verifies the attestation against the account's registration challenge and stores the passkey. */
    @Transactional
    public Passkeys.View register(Account a, NewPasskey body) {
        RegistrationData data;
        try {
            Set<String> transports = body.transports() == null ? Set.of() : Set.copyOf(body.transports());
            data = webauthn.parseRegistration(body.attestationObject(), body.clientDataJSON(), transports);
        } catch (WebAuthnException | IllegalArgumentException e) {
            throw invalidPasskey("the passkey's data could not be read");
        }
        String challenge = WebAuthn.B64.encodeToString(data.getCollectedClientData().getChallenge().getValue());
        if (!challenges.take(challenge).filter(("reg:" + a.id)::equals).isPresent()) {
            throw invalidPasskey("the registration challenge is unknown, expired or already used; start again");
        }
        try {
            webauthn.verify(data, challenge);
        } catch (WebAuthnException e) {
            LOG.infof("passkey registration of account %s refused: %s", a.id, e.getClass().getSimpleName());
            throw invalidPasskey("the passkey could not be verified");
        }
        AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticator.getAttestedCredentialData();
        String credentialId = WebAuthn.B64.encodeToString(attested.getCredentialId());
        if (Passkey.accountOf(credentialId).isPresent()) {
            throw new ApiException(Problem.of(409, "passkey_exists", "Passkey already registered",
                    "this passkey is already registered"));
        }
        if (Passkey.countOf(a.id) >= config.maxPerAccount()) {
            throw new ApiException(Problem.of(409, "too_many_passkeys", "Too many passkeys",
                    "remove a passkey before adding another one"));
        }
        Passkey p = new Passkey();
        p.id = UUID.randomUUID();
        p.accountId = a.id;
        p.credentialId = credentialId;
        p.attestedCredentialData = webauthn.serialize(attested);
        p.signCount = authenticator.getSignCount();
        p.uvInitialized = authenticator.isFlagUV();
        p.backupEligible = authenticator.isFlagBE();
        p.backedUp = authenticator.isFlagBS();
        p.name = name(body.name());
        p.transports = data.getTransports() == null ? null : data.getTransports().stream()
                .map(AuthenticatorTransport::getValue).filter(t -> t.matches("[a-z-]{1,16}")).sorted()
                .collect(Collectors.joining(","));
        p.createdAt = clock.instant();
        p.insert();
        events.changed(a, SecurityEvent.Type.PASSKEY_ADDED, Map.of("passkeyId", p.id.toString(), "name", p.name));
        return Passkeys.View.of(p);
    }

    private static String name(String raw) {
        String n = raw == null ? "" : raw.strip().replaceAll("\\p{Cntrl}", "");
        if (n.isEmpty()) {
            return "Passkey";
        }
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    private static ApiException invalidPasskey(String detail) {
        return new ApiException(Problem.of(400, "invalid_passkey", "Passkey not accepted", detail));
    }
}
