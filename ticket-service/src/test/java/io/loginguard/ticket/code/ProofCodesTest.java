package io.loginguard.ticket.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.kit.db.Transactions;
import io.loginguard.ticket.support.Kafka;
import io.loginguard.ticket.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The codes that prove a destination for a case, at their edges with the service's clock set to the second: valid
 * 30 minutes, spent once, burnt by the 5th wrong try, and a new one no sooner than a minute after the last.
 */
@QuarkusTest
class ProofCodesTest {
    @Inject
    ProofCodes codes;

    @Inject
    Transactions tx;

    @Inject
    TestClock clock;

    @AfterEach
    void systemClock() {
        clock.useSystem();
    }

    @Test
    void aCodeIsGoodAt29m59sSpentOnceAndRefusedAt30m00s() {
        String account = UUID.randomUUID().toString();
        String email = "codes-" + account.substring(0, 8) + "@example.com";
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.fixAt(t0);
        codes.issue(account, Channel.EMAIL, email, "en");
        String first = Kafka.awaitSecret(account, "case-code", email, 1).get("code");

        clock.fixAt(t0.plus(Duration.ofMinutes(29).plusSeconds(59)));
        UUID id = codes.check(account, Channel.EMAIL, email, first);
        assertThat(id).isNotNull();
        boolean spent = tx.call(c -> codes.spend(c, id));
        boolean spentAgain = tx.call(c -> codes.spend(c, id));
        assertThat(spent).isTrue();
        assertThat(spentAgain).as("spent once").isFalse();
        assertThat(codes.check(account, Channel.EMAIL, email, first)).as("a spent code").isNull();

        Instant t1 = t0.plus(Duration.ofMinutes(31));
        clock.fixAt(t1);
        codes.issue(account, Channel.EMAIL, email, "en");
        String second = Kafka.awaitSecret(account, "case-code", email, 2).get("code");
        clock.fixAt(t1.plus(Duration.ofMinutes(30)));
        assertThat(codes.check(account, Channel.EMAIL, email, second)).as("at 30:00").isNull();
        clock.fixAt(t1.plus(Duration.ofMinutes(29).plusSeconds(59)));
        assertThat(codes.check(account, Channel.EMAIL, email, second)).as("unspent, at 29:59 again").isNotNull();
    }

    @Test
    void theFifthWrongTryBurnsTheCodeAndTheFourthDoesNot() {
        String account = UUID.randomUUID().toString();
        String email = "tries-" + account.substring(0, 8) + "@example.com";
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.fixAt(t0);
        codes.issue(account, Channel.EMAIL, email, "en");
        String code = Kafka.awaitSecret(account, "case-code", email, 1).get("code");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            assertThat(codes.check(account, Channel.EMAIL, email, wrong)).isNull();
        }
        assertThat(codes.check(account, Channel.EMAIL, email, code)).as("after 4 wrong tries").isNotNull();

        clock.fixAt(t0.plus(Duration.ofMinutes(1)));
        codes.issue(account, Channel.EMAIL, email, "en");
        String next = Kafka.awaitSecret(account, "case-code", email, 2).get("code");
        String wrongNext = next.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(codes.check(account, Channel.EMAIL, email, wrongNext)).isNull();
        }
        assertThat(codes.check(account, Channel.EMAIL, email, next)).as("after 5 wrong tries").isNull();
    }

    @Test
    void aNewCodeComesNoSoonerThanAMinuteAfterTheLast() {
        String account = UUID.randomUUID().toString();
        String email = "resend-" + account.substring(0, 8) + "@example.com";
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.fixAt(t0);
        codes.issue(account, Channel.EMAIL, email, "en");
        String first = Kafka.awaitSecret(account, "case-code", email, 1).get("code");
        clock.fixAt(t0.plusSeconds(59));
        codes.issue(account, Channel.EMAIL, email, "en"); // within the minute: nothing issued, nothing sent
        clock.fixAt(t0.plusSeconds(60));
        codes.issue(account, Channel.EMAIL, email, "en");
        String second = Kafka.awaitSecret(account, "case-code", email, 2).get("code");
        // the request of 0:59 would have been the second sent (the outbox keeps order): the second is 1:00's, the
        // newest code, and only two were sent
        assertThat(Kafka.notifications(account)).filteredOn(n -> n.template().equals("case-code")).hasSize(2);
        assertThat(Duration.between(t0, Kafka.notifications(account).get(1).occurredAt())).isEqualTo(Duration.ofSeconds(60));
        assertThat(codes.check(account, Channel.EMAIL, email, second)).isNotNull();
        assertThat(first).matches("\\d{6}");
    }
}
