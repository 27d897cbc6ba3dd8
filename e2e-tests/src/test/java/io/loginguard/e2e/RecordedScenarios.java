package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.EventJson;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The scenarios of issue 11, driven through auth's and ticket-service's HTTP APIs against a {@link ScenarioStack}, as
 * people and an attacker would. Each step that another service reacts to through Kafka (a snapshot, an approval) is
 * awaited on its topic and then given {@link #SETTLE} before the next login, so risk has taken it before the attempt
 * that follows: a replay in timestamp order then meets risk's inputs in the order the live run did.
 */
final class RecordedScenarios {
    static final Duration SETTLE = Duration.ofMillis(1500);

    /** What a scenario did: the accounts it used, by role (email and id). */
    record Played(String name, Map<String, String> emails, Map<String, String> ids) {
        String id(String role) {
            return ids.get(role);
        }
    }

    private RecordedScenarios() {
    }

    /**
     * A credential-stuffing wave: three people log in from home; one address then tries a wrong password on their
     * three accounts and seven identifiers nobody registered, 300 ms apart, until risk throttles the address (10
     * accounts in 10 minutes); three more attempts from it, one with a right password, are answered "too frequent";
     * the owner still logs in from home.
     */
    static Played credentialStuffing(ScenarioStack s) throws InterruptedException {
        AuthClient auth = s.auth();
        Played played = new Played("credential-stuffing", new LinkedHashMap<>(), new LinkedHashMap<>());
        for (int i = 1; i <= 3; i++) {
            register(s, played, "victim" + i);
        }
        for (int i = 1; i <= 3; i++) {
            expect(auth.loginFrom(played.emails().get("victim" + i), PASSWORD, "203.0.113.1" + i, "home-" + i, "DE"), 201);
        }
        settle();
        String attacker = "198.51.100.66";
        List<String> wave = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            wave.add(Scenario.freshEmail("stuffed-" + i));
            if (i <= 3) {
                wave.add(played.emails().get("victim" + i));
            }
        }
        for (String identifier : wave) {
            expect(auth.loginFrom(identifier, WRONG, attacker, "stuffer", "NL"), 401);
            Thread.sleep(300);
        }
        awaitOn(s, Topics.RISK_DECISIONS, "ip:" + attacker, RiskDecision.class,
                d -> d.type() == RiskDecision.Type.IP_THROTTLED);
        Thread.sleep(3000); // the throttle reaches every account task (one more round trip), then the wave goes on
        expect(auth.loginFrom(played.emails().get("victim1"), PASSWORD, attacker, "stuffer", "NL"), 429);
        // a wrong password from the throttled address is answered after risk's verdict, 429 like the right one: the
        // answer does not tell which password was right
        expect(auth.loginFrom(Scenario.freshEmail("stuffed-8"), WRONG, attacker, "stuffer", "NL"), 429);
        expect(auth.loginFrom(played.emails().get("victim2"), WRONG, attacker, "stuffer", "NL"), 429);
        settle();
        expect(auth.loginFrom(played.emails().get("victim1"), PASSWORD, "203.0.113.11", "home-1", "DE"), 201);
        return played;
    }

    /**
     * A cross-border login, then re-verification: the account logs in at home in Aachen (Germany), then across the
     * border in Maastricht (the Netherlands, 30 km away: no impossible travel) with the right password: 403
     * step_up_required (risk's NEW_LOCATION and STEP_UP_REQUIRED); the person opens an identity verification case
     * with a selfie, a reviewer approves it (IDENTITY_CONFIRMED: the Netherlands become a known country), and the
     * login from Maastricht passes.
     */
    static Played crossBorder(ScenarioStack s) throws InterruptedException {
        AuthClient auth = s.auth();
        Played played = new Played("cross-border-reverification", new LinkedHashMap<>(), new LinkedHashMap<>());
        String email = register(s, played, "traveller");
        String id = played.id("traveller");
        double[] aachen = {50.7753, 6.0839};
        double[] maastricht = {50.8514, 5.6910};
        expect(auth.loginFrom(email, PASSWORD, "203.0.113.60", "geo-laptop", "DE", aachen), 201);
        settle();
        HttpResponse<String> abroad = expect(auth.loginFrom(email, PASSWORD, "203.0.113.61", "geo-laptop", "NL",
                maastricht), 403);
        assertThat(Scenario.json(abroad.body()).get("code").asText()).isEqualTo("step_up_required");
        approveCase(s, id, email, "IDENTITY_REVERIFICATION", List.of("selfie"), Map.of());
        expect(auth.loginFrom(email, PASSWORD, "203.0.113.61", "geo-laptop", "NL", maastricht), 201);
        return played;
    }

    /**
     * A lockout, then an appeal: five wrong passwords lock the account (LOCKED), the right one is refused while
     * locked; the person opens an "unable to log in" case with their ID and a selfie, a reviewer approves it
     * (RESTRICTION_LIFTED: risk's UNLOCKED), and the person logs in.
     */
    static Played lockoutAppeal(ScenarioStack s) throws InterruptedException {
        AuthClient auth = s.auth();
        Played played = new Played("lockout-appeal", new LinkedHashMap<>(), new LinkedHashMap<>());
        String email = register(s, played, "locked");
        String id = played.id("locked");
        String from = "203.0.113.80";
        expect(auth.loginFrom(email, PASSWORD, from, "appeal-laptop", "DE"), 201);
        settle();
        for (int i = 0; i < 5; i++) {
            expect(auth.loginFrom(email, WRONG, from, "appeal-laptop", "DE"), 401);
        }
        awaitOn(s, Topics.RISK_DECISIONS, id, RiskDecision.class, d -> d.type() == RiskDecision.Type.LOCKED);
        expect(auth.loginFrom(email, PASSWORD, from, "appeal-laptop", "DE"), 429);
        approveCase(s, id, email, "UNABLE_TO_LOG_IN", List.of("idFront", "idBack", "selfie"), Map.of());
        awaitOn(s, Topics.RISK_DECISIONS, id, RiskDecision.class, d -> d.type() == RiskDecision.Type.UNLOCKED);
        settle();
        expect(auth.loginFrom(email, PASSWORD, from, "appeal-laptop", "DE"), 201);
        return played;
    }

    /**
     * A frozen account reactivated: the person adds a phone number (its code by SMS), freezes the account, and after
     * the waiting time opens a reactivation case proven by codes to the email and by SMS; the reviewer's approval
     * (REACTIVATE) is applied by auth (ACCOUNT_REACTIVATED), and the person logs in again.
     */
    static Played frozenReactivation(ScenarioStack s) throws InterruptedException {
        AuthClient auth = s.auth();
        Played played = new Played("frozen-reactivation", new LinkedHashMap<>(), new LinkedHashMap<>());
        String email = register(s, played, "frozen");
        String id = played.id("frozen");
        String from = "203.0.113.90";
        String session = Scenario.json(expect(auth.loginFrom(email, PASSWORD, from, "own-phone", "DE"), 201).body())
                .get("token").asText();
        String phone = "+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        expect(auth.post("/api/v1/me/phone", "{\"phone\":\"" + phone + "\"}", session), 202);
        String phoneCode = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Scenario.codeSentTo(s.kafka(), phone), java.util.Optional::isPresent).orElseThrow();
        expect(auth.post("/api/v1/me/phone/confirmation", "{\"newNumberCode\":\"" + phoneCode + "\"}", session), 204);
        awaitOn(s, Topics.ACCOUNTS, id, AccountSnapshot.class, a -> phone.equals(a.phone()) && a.phoneVerified());
        expect(auth.post("/api/v1/me/freeze", "{\"password\":\"" + PASSWORD + "\"}", session), 204);
        awaitOn(s, Topics.ACCOUNTS, id, AccountSnapshot.class, a -> a.status() == AccountSnapshot.Status.FROZEN);
        settle();
        expect(auth.loginFrom(email, PASSWORD, from, "own-phone", "DE"), 403);
        Thread.sleep(ScenarioStack.REACTIVATION_AFTER * 1000L); // the reactivation's waiting time after the freeze
        TicketClient ticket = s.ticket();
        String emailCode = ticket.awaitEmailCode(id, email, "REACTIVATION");
        String smsCode = ticket.secretSentTo(id, phone, "case-code").orElseThrow().get("code");
        approveCase(s, id, email, "REACTIVATION", List.of("idFront", "selfie"), Map.of("code", emailCode,
                "phoneCode", smsCode));
        awaitOn(s, Topics.SECURITY_EVENTS, id, SecurityEvent.class,
                e -> e.type() == SecurityEvent.Type.ACCOUNT_REACTIVATED);
        settle();
        expect(auth.loginFrom(email, PASSWORD, from, "own-phone", "DE"), 201);
        played.emails().put("frozen-phone", phone);
        return played;
    }

    /** Registers and verifies an account and waits until its ACTIVE snapshot is on auth.accounts. */
    private static String register(ScenarioStack s, Played played, String role) throws InterruptedException {
        String email = Scenario.freshEmail(role);
        String id = Scenario.registerAccount(s.auth(), email);
        awaitOn(s, Topics.ACCOUNTS, id, AccountSnapshot.class, a -> a.status() == AccountSnapshot.Status.ACTIVE);
        played.emails().put(role, email);
        played.ids().put(role, id);
        settle();
        return email;
    }

    /**
     * Opens a case of the type (the email code asked for and read unless {@code proof} brings the codes), has the
     * reviewer approve it, and waits for ACTION_APPROVED on ticket.events.
     */
    private static void approveCase(ScenarioStack s, String accountId, String email, String type, List<String> parts,
                                    Map<String, String> proof) throws InterruptedException {
        TicketClient ticket = s.ticket();
        Map<String, String> fields = new LinkedHashMap<>(Map.of("type", type, "identifier", email));
        if (proof.isEmpty()) {
            fields.put("code", ticket.awaitEmailCode(accountId, email, type));
        } else {
            fields.putAll(proof);
        }
        HttpResponse<String> opened = expect(ticket.open(fields, parts), 201);
        String caseId = Scenario.json(opened.body()).get("id").asText();
        expect(ticket.review(ticket.reviewerToken(), caseId, "approve", null), 200);
        awaitOn(s, Topics.TICKET_EVENTS, accountId, TicketEvent.class,
                e -> e.type() == TicketEvent.Type.ACTION_APPROVED);
        settle();
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
    }

    private static <T> void awaitOn(ScenarioStack s, String topic, String key, Class<T> type, Predicate<T> what) {
        try (KafkaProbe kafka = new KafkaProbe(s.kafka())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> kafka.read(topic, key)
                    .stream().map(r -> EventJson.fromBytes(r.value(), type)).anyMatch(what));
        }
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
    }
}
