package io.loginguard.risk.ipthrottle;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.RiskDecision;
import io.loginguard.risk.config.IpThrottleSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IpThrottleRuleTest {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final String IP = "198.51.100.66";
    final IpThrottleRule rule = new IpThrottleRule(IpThrottleSettings.defaults());
    int n;

    IpAttempt attempt(String account, Instant at) {
        return new IpAttempt(IP, account, UUID.nameUUIDFromBytes(("a" + (++n)).getBytes()), at);
    }

    IpWindow feed(IpWindow w, String account, Instant at, int count, Duration step) {
        for (int i = 0; i < count; i++) {
            IpThrottleRule.Result r = rule.apply(w, attempt(account, at.plus(step.multipliedBy(i))));
            assertThat(r.started()).as("attempt %d", i + 1).isEmpty();
            w = r.window();
        }
        return w;
    }

    @Test
    void nineteenAttemptsInTheWindowAreNotThrottledTheTwentiethStartsIt() {
        IpWindow w = feed(null, "acct-1", T0, 19, Duration.ofSeconds(10));
        IpThrottleRule.Result twentieth = rule.apply(w, attempt("acct-1", T0.plusSeconds(190)));

        assertThat(twentieth.attemptsInWindow()).isEqualTo(20);
        assertThat(twentieth.started()).hasValueSatisfying(t -> {
            assertThat(t.from()).isEqualTo(T0.plusSeconds(190));
            assertThat(t.until()).isEqualTo(T0.plusSeconds(190).plus(Duration.ofMinutes(30)));
            assertThat(t.reason()).isEqualTo(IpThrottleRule.REASON_ATTEMPTS);
        });
        RiskDecision decision = twentieth.decision().orElseThrow();
        assertThat(decision.type()).isEqualTo(RiskDecision.Type.IP_THROTTLED);
        assertThat(decision.subjectKey()).isEqualTo("ip:" + IP);
        assertThat(decision.details()).containsEntry("accountId", "acct-1").containsEntry("attempts", "20")
                .containsEntry("reason", IpThrottleRule.REASON_ATTEMPTS);
        assertThat(decision.until()).isEqualTo(twentieth.started().get().until());
    }

    @Test
    void theWindowsLastMillisecondStillCountsTheFirstAttemptAndAWindowLaterItIsOut() {
        IpWindow w = feed(null, "acct-1", T0, 19, Duration.ofMillis(1));
        // the 20th attempt exactly a window after the first: the first has left, 19 in the window
        assertThat(rule.apply(w, attempt("acct-1", T0.plus(Duration.ofMinutes(10)))).started()).isEmpty();
        // a millisecond earlier: the first is still in, 20 in the window
        assertThat(rule.apply(w, attempt("acct-1", T0.plus(Duration.ofMinutes(10)).minusMillis(1))).started())
                .isPresent();
    }

    @Test
    void nineAccountsAreNotThrottledTheTenthDistinctAccountStartsIt() {
        IpWindow w = null;
        for (int i = 1; i <= 9; i++) {
            w = feed(w, "acct-" + i, T0.plusSeconds(i), 1, Duration.ZERO);
        }
        // the same accounts again do not make more distinct accounts
        w = feed(w, "acct-3", T0.plusSeconds(20), 1, Duration.ZERO);
        IpThrottleRule.Result tenth = rule.apply(w, attempt("unknown:abc", T0.plusSeconds(30)));

        assertThat(tenth.accountsInWindow()).isEqualTo(10);
        assertThat(tenth.started()).hasValueSatisfying(t -> assertThat(t.reason()).isEqualTo(IpThrottleRule.REASON_ACCOUNTS));
        // an unknown identifier is not an account to name
        assertThat(tenth.decision().orElseThrow().details()).doesNotContainKey("accountId");
    }

    @Test
    void anAccountLeavesTheDistinctCountAWindowAfterItsLastAttempt() {
        IpWindow w = feed(null, "acct-1", T0, 1, Duration.ZERO);
        for (int i = 2; i <= 9; i++) {
            w = feed(w, "acct-" + i, T0.plusSeconds(60), 1, Duration.ZERO);
        }
        assertThat(rule.apply(w, attempt("acct-10", T0.plus(Duration.ofMinutes(10)))).started()).isEmpty();
        assertThat(rule.apply(w, attempt("acct-10", T0.plus(Duration.ofMinutes(10)).minusMillis(1))).started())
                .isPresent();
    }

    @Test
    void theThrottleCoversItsLastMillisecondAndEndsAtUntilThenAStillBusyAddressIsThrottledAgain() {
        IpWindow w = feed(null, "acct-1", T0, 19, Duration.ofMillis(1));
        IpThrottleRule.Result started = rule.apply(w, attempt("acct-1", T0.plusSeconds(1)));
        IpThrottle throttle = started.started().orElseThrow();
        Instant until = throttle.until();
        assertThat(throttle.covers(T0.plusSeconds(1))).isTrue();
        assertThat(throttle.covers(until.minusMillis(1))).isTrue();
        assertThat(throttle.covers(until)).isFalse();
        assertThat(throttle.covers(T0)).isFalse();

        // attempts during the throttle start nothing new
        w = feed(started.window(), "acct-1", until.minus(Duration.ofMinutes(9)), 19, Duration.ofMillis(1));
        assertThat(w.throttles()).isEqualTo(1);
        // at its end the window still holds 19 attempts: the next one starts a second throttle
        IpThrottleRule.Result again = rule.apply(w, attempt("acct-1", until));
        assertThat(again.started()).hasValueSatisfying(t -> assertThat(t.from()).isEqualTo(until));
        assertThat(again.window().throttles()).isEqualTo(2);
    }

    @Test
    void stateStaysBoundedWhateverTheVolume() {
        IpWindow w = null;
        for (int i = 0; i < 5000; i++) {
            w = rule.apply(w, attempt("acct-" + i, T0.plusMillis(i))).window();
        }
        assertThat(w.attempts()).hasSize(20);
        assertThat(w.accounts()).hasSize(10);
        assertThat(w.totalAttempts()).isEqualTo(5000);
        assertThat(rule.idle(w, T0.plus(Duration.ofMinutes(49)))).isFalse();
        assertThat(rule.idle(w, T0.plus(Duration.ofMinutes(80)))).isTrue();
    }

    @Test
    void addressesAreLiteralsOnlyAndIpv6CountsPerSlash64() {
        assertThat(IpAddresses.key("203.0.113.7", 64)).contains("203.0.113.7");
        assertThat(IpAddresses.key(" 010.0.0.1 ", 64)).contains("10.0.0.1");
        assertThat(IpAddresses.key("::ffff:203.0.113.7", 64)).contains("203.0.113.7");
        assertThat(IpAddresses.key("2001:db8::1", 64)).contains("2001:db8:0:0:0:0:0:0/64");
        assertThat(IpAddresses.key("2001:db8:0:0:ffff::2", 64)).isEqualTo(IpAddresses.key("2001:db8::1", 64));
        assertThat(IpAddresses.key("2001:db8:0:1::1", 64)).isNotEqualTo(IpAddresses.key("2001:db8::1", 64));
        assertThat(IpAddresses.key("2001:db8::1", 128)).contains("2001:db8:0:0:0:0:0:1");
        for (String bad : new String[] {null, "", "256.1.1.1", "1.2.3", "example.com", "localhost", "1.2.3.4.5",
                "2001:db8::g", ":::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0"}) {
            assertThat(IpAddresses.key(bad, 64)).as(bad).isEmpty();
        }
    }
}
