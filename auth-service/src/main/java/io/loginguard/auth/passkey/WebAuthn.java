package io.loginguard.auth.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.PasskeysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * webauthn4j behind auth's passkeys: parsing what the browser sent (base64url), verifying it against this relying
 * party (origins, rp id, the ceremony's challenge), and turning a stored {@link Passkey} back into the credential
 * record an assertion is checked against. Any webauthn4j failure surfaces as its {@code WebAuthnException}.
 */
@ApplicationScoped
public class WebAuthn {
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(converter);
    private final PasskeysConfig config;
    private final Set<Origin> origins;

    public WebAuthn(AuthConfig config) {
        this.config = config.passkeys();
        this.origins = this.config.origins().stream().map(String::trim).map(Origin::new)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    PasskeysConfig config() {
        return config;
    }

    RegistrationData parseRegistration(String attestationObject, String clientDataJSON, Set<String> transports) {
        return manager.parse(new RegistrationRequest(decode(attestationObject), decode(clientDataJSON), transports));
    }

    /** Checks origin, rp id, challenge, the algorithm and the attestation's form (no trust chain: "none" asked for). */
    void verify(RegistrationData data, String challenge) {
        manager.verify(data, new RegistrationParameters(serverProperty(challenge), ALGORITHMS, false, true));
    }

    AuthenticationData parseAssertion(PasskeyAssertions.Assertion a) {
        return manager.parse(new AuthenticationRequest(decode(a.id()),
                a.userHandle() == null || a.userHandle().isBlank() ? null : decode(a.userHandle()),
                decode(a.authenticatorData()), decode(a.clientDataJSON()), null, decode(a.signature())));
    }

    /** Checks the signature against the stored key, origin, rp id, challenge, and user verification if asked for. */
    void verify(AuthenticationData data, String challenge, Passkey p, boolean userVerification) {
        manager.verify(data, new AuthenticationParameters(serverProperty(challenge), record(p), null,
                userVerification, true));
    }

    byte[] serialize(AttestedCredentialData attested) {
        return credentialData.convert(attested);
    }

    private CredentialRecordImpl record(Passkey p) {
        AttestedCredentialData attested = credentialData.convert(ByteBuffer.wrap(p.attestedCredentialData));
        Set<AuthenticatorTransport> transports = p.transports == null || p.transports.isBlank() ? Set.of()
                : Arrays.stream(p.transports.split(",")).map(AuthenticatorTransport::create).collect(Collectors.toSet());
        return new CredentialRecordImpl(new NoneAttestationStatement(), p.uvInitialized, p.backupEligible, p.backedUp,
                p.signCount, attested, null, null, null, transports);
    }

    private ServerProperty serverProperty(String challenge) {
        return new ServerProperty(origins, config.rpId(), new DefaultChallenge(challenge), null);
    }

    /** The WebAuthn user handle of an account: its id's 16 bytes, base64url. Never an email or phone. */
    static String userHandle(UUID accountId) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(accountId.getMostSignificantBits()).putLong(accountId.getLeastSignificantBits());
        return B64.encodeToString(b.array());
    }

    /** base64url (padding and the standard alphabet tolerated); IllegalArgumentException when missing or not base64. */
    static byte[] decode(String base64url) {
        if (base64url == null) {
            throw new IllegalArgumentException("missing");
        }
        return Base64.getUrlDecoder().decode(base64url.replace('+', '-').replace('/', '_').replace("=", ""));
    }
}
