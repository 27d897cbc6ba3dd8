package io.loginguard.ticket.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.ticket.account.AccountRecord;
import io.loginguard.ticket.support.Policies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The time rules, with a fixed clock, at their edges. */
class CaseRulesTest {
    private static final Instant FROZEN_AT = Instant.parse("2026-03-01T10:00:00Z");
    private final CaseRules rules = new CaseRules(Policies.defaults());

    @Test
    void reactivationIsRefusedAt1h59m59sAndAllowedAt2h00m00s() {
        AccountRecord frozen = frozenAt(FROZEN_AT);
        Clock at1h59m59s = Clock.fixed(FROZEN_AT.plus(Duration.ofHours(2)).minusSeconds(1), ZoneOffset.UTC);
        Clock at2h = Clock.fixed(FROZEN_AT.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        assertThat(rules.reactivationNotBefore(frozen, at1h59m59s.instant())).contains(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(rules.reactivationNotBefore(frozen, at2h.instant())).isEmpty();
        assertThat(rules.reactivationNotBefore(frozen, FROZEN_AT)).contains(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void theTwoHoursAreConfiguration() {
        CaseRules shorter = new CaseRules(Policies.with(Map.of("loginguard.ticket.reactivation.not-before-after-freeze", "PT30M")));
        assertThat(shorter.reactivationNotBefore(frozenAt(FROZEN_AT), FROZEN_AT.plus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(shorter.reactivationNotBefore(frozenAt(FROZEN_AT), FROZEN_AT.plus(Duration.ofMinutes(29)))).isPresent();
    }

    @Test
    void onlyAFrozenAccountIsReactivated() {
        assertThat(rules.canReactivate(frozenAt(FROZEN_AT))).isTrue();
        AccountRecord active = new AccountRecord("a", "a@example.com", null, AccountSnapshot.Status.ACTIVE, true, false,
                Set.of(), null, "en", 1);
        assertThat(rules.canReactivate(active)).isFalse();
        assertThat(rules.reactivationNotBefore(active, FROZEN_AT)).isEmpty();
    }

    @Test
    void aTwoFactorResetHasSevenDaysOthers48HoursAndAllAFirstReplyIn24() {
        Instant opened = Instant.parse("2026-03-01T00:00:00Z");
        Sla reset = rules.slaFor(CaseType.TWO_FACTOR_RESET, opened);
        Sla appeal = rules.slaFor(CaseType.UNABLE_TO_LOG_IN, opened);
        assertThat(reset.resolutionDue()).isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
        assertThat(appeal.resolutionDue()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(reset.firstReplyDue()).isEqualTo(appeal.firstReplyDue()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void filesAreDeleted90DaysAfterClosing() {
        Instant closed = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(rules.filesDeleteAfter(closed)).isEqualTo(Instant.parse("2026-05-30T00:00:00Z"));
    }

    private static AccountRecord frozenAt(Instant at) {
        return new AccountRecord("a", "a@example.com", null, AccountSnapshot.Status.FROZEN, true, false, Set.of(), at, "en", 1);
    }
}
