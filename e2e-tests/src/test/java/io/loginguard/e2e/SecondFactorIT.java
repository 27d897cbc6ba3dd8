package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second step with risk deciding: TOTP enrolled and used to log in, and five wrong TOTP codes locking the
 * account through risk's second-factor count without touching the password count. The packaged auth and risk.
 */
class SecondFactorIT {
    static Stack stack;
    static AuthClient auth;
    static KafkaProbe kafka;

    @BeforeAll
    static void start() {
        stack = Stack.get();
        auth = new AuthClient(stack.auth.get(0));
        kafka = new KafkaProbe(stack.kafka);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    record Enrolled(String email, String accountId, byte[] secret) {
    }

    static Enrolled enrol(String purpose) throws Exception {
        String email = Scenario.freshEmail(purpose);
        String accountId = Scenario.registerAccount(auth, email);
        HttpResponse<String> session = auth.login(email, PASSWORD);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        String token = Scenario.json(session.body()).get("token").asText();
        HttpResponse<String> started = auth.post("/api/v1/me/totp", "{}", token);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        byte[] secret = base32(Scenario.json(started.body()).get("secret").asText());
        HttpResponse<String> confirmed = auth.post("/api/v1/me/totp/confirmation",
                "{\"code\":\"" + totp(secret, step(Instant.now())) + "\"}", token);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        return new Enrolled(email, accountId, secret);
    }

    @Test
    void anEnrolledAuthenticatorLogsIn() throws Exception {
        Enrolled e = enrol("totp-login");
        HttpResponse<String> first = auth.login(e.email(), PASSWORD);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode challenge = Scenario.json(first.body());
        assertThat(challenge.get("status").asText()).isEqualTo("second_factor_required");
        String code = totp(e.secret(), step(Instant.now()) + 1); // this step's code confirmed the enrolment
        HttpResponse<String> second = auth.post("/api/v1/sessions/challenges/" + challenge.get("challengeId").asText(),
                "{\"method\":\"TOTP\",\"code\":\"" + code + "\"}", null);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(Scenario.json(second.body()).get("token").asText()).isNotBlank();
    }

    @Test
    void fiveWrongTotpCodesLockTheAccountWithoutTouchingThePasswordCount() throws Exception {
        Enrolled e = enrol("totp-lock");
        String challenge = Scenario.json(auth.login(e.email(), PASSWORD).body()).get("challengeId").asText();
        String wrong = totp(e.secret(), step(Instant.now()) + 7);
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = auth.post("/api/v1/sessions/challenges/" + challenge,
                    "{\"method\":\"TOTP\",\"code\":\"" + wrong + "\"}", null);
            if (r.statusCode() != 401) {
                Scenario.verdicts(kafka, e.accountId()).forEach(v -> System.out.println("VERDICT " + v));
                Scenario.attempts(kafka, e.accountId()).forEach(a -> System.out.println("ATTEMPT " + a));
            }
            assertThat(r.statusCode()).as("wrong code %d: %s", i, r.body()).isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !Scenario.decisions(kafka, e.accountId()).isEmpty());
        List<RiskDecision> decisions = Scenario.decisions(kafka, e.accountId());
        assertThat(decisions).extracting(RiskDecision::type).containsExactly(RiskDecision.Type.LOCKED);
        List<LoginAttempted> attempts = Scenario.attempts(kafka, e.accountId());
        assertThat(attempts.stream().filter(a -> a.stage() == LoginAttempted.Stage.SECOND_FACTOR))
                .hasSize(5).allMatch(a -> a.outcome() == LoginAttempted.Outcome.BAD_CODE);
        await().atMost(Duration.ofSeconds(30)).until(() -> Scenario.verdicts(kafka, e.accountId()).size() == attempts.size());
        assertThat(Scenario.verdicts(kafka, e.accountId())).as("no verdict ever counted a password failure")
                .allMatch(v -> v.consecutiveFailures() == 0);
        RiskVerdict last = Scenario.verdicts(kafka, e.accountId()).get(attempts.size() - 1);
        assertThat(last.verdict()).isEqualTo(RiskVerdict.Verdict.LOCKED);

        await().atMost(Duration.ofSeconds(30)).until(() -> stack.settledAtAuth(e.accountId()));
        double checks = auth.passwordChecks();
        HttpResponse<String> refused = auth.login(e.email(), PASSWORD);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(60);
        assertThat(auth.passwordChecks()).as("the locked account's password is not checked").isEqualTo(checks);
    }

    static long step(Instant at) {
        return at.getEpochSecond() / 30;
    }

    /** RFC 6238 with HMAC-SHA1 and 6 digits, written here apart from auth's own (java-otp) as a cross-check. */
    static String totp(byte[] secret, long step) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret, "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int o = h[h.length - 1] & 0xf;
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
