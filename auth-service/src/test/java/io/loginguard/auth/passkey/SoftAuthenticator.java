package io.loginguard.auth.passkey;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A software passkey for tests: one EC P-256 key, "none" attestation, a sign counter it increments per assertion
 * (or that a test sets back). It builds what a browser sends, with webauthn4j's own CBOR converters.
 */
public final class SoftAuthenticator {
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final byte FLAGS = AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV;

    private final ObjectConverter converter = new ObjectConverter();
    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private final String rpId;
    private final String origin;
    private byte[] userHandle;
    public long counter;

    public SoftAuthenticator(String rpId, String origin) {
        this.rpId = rpId;
        this.origin = origin;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    public String credentialId() {
        return B64.encodeToString(credentialId);
    }

    /** The body of POST /api/v1/me/passkeys for creation options' challenge and user handle. */
    public Map<String, Object> create(String challenge, String userHandleB64, String name) {
        this.userHandle = Base64.getUrlDecoder().decode(userHandleB64);
        byte[] clientData = clientData("webauthn.create", challenge);
        AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                        (byte) (FLAGS | AuthenticatorData.BIT_AT), counter, attested);
        byte[] attestation = new AttestationObjectConverter(converter)
                .convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("id", credentialId());
        body.put("clientDataJSON", B64.encodeToString(clientData));
        body.put("attestationObject", B64.encodeToString(attestation));
        body.put("transports", List.of("internal"));
        return body;
    }

    /** The body of an assertion answering {@code challenge}; the counter grows by one first. */
    public Map<String, Object> get(String challenge) {
        counter++;
        return getWithCounter(challenge, counter);
    }

    /** An assertion carrying a given counter (to replay an old one). */
    public Map<String, Object> getWithCounter(String challenge, long count) {
        byte[] clientData = clientData("webauthn.get", challenge);
        byte[] authData = new AuthenticatorDataConverter(converter).convert(
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), FLAGS, count));
        byte[] signature;
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(keys.getPrivate());
            s.update(authData);
            s.update(sha256(clientData));
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", credentialId());
        body.put("clientDataJSON", B64.encodeToString(clientData));
        body.put("authenticatorData", B64.encodeToString(authData));
        body.put("signature", B64.encodeToString(signature));
        body.put("userHandle", userHandle == null ? null : B64.encodeToString(userHandle));
        return body;
    }

    private byte[] clientData(String type, String challenge) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
