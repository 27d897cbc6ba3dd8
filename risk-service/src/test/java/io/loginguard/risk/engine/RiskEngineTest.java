package io.loginguard.risk.engine;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.Attempts.Origin;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.geo.CountryCentroids;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules after the lockout, on successful passwords: where, how fast, from how many addresses, which device. */
class RiskEngineTest {
    private static final String ACCOUNT = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";

    private final RiskEngine engine = new RiskEngine(RiskSettings.defaults(), CountryCentroids.shipped());
    private final Attempts attempts = new Attempts(ACCOUNT);
    private AccountRiskState state;
    private RiskProfile profile;

    private RiskEngine.Evaluation apply(LoginAttempted attempt) {
        RiskEngine.Evaluation e = engine.evaluate(state, profile, attempt);
        state = e.state();
        profile = e.profile();
        return e;
    }

    private RiskEngine.Evaluation login(Duration at, Origin origin) {
        return apply(attempts.password(at, SUCCEEDED, origin));
    }

    @Test
    void theFirstCountryIsKnownAndTheSameCountryIsAllowed() {
        RiskEngine.Evaluation first = login(at(0, 0), Origin.BERLIN);
        assertThat(first.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(first.decisions()).isEmpty();
        assertThat(first.state().knownCountries()).containsExactly("DE");
        assertThat(first.state().lastLoginCountry()).isEqualTo("DE");

        RiskEngine.Evaluation munich = login(at(60, 0), Origin.MUNICH);
        assertThat(munich.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(munich.decisions()).isEmpty();
    }

    @Test
    void aNeighbouringCountryIsAStepUpWithANewLocationDecisionAndChecksLeftUntouched() {
        login(at(0, 0), Origin.BERLIN);
        RiskEngine.Evaluation vienna = login(at(120, 0), Origin.VIENNA); // 524 km in 2 h: possible travel

        assertThat(vienna.verdict().verdict()).isEqualTo(Verdict.STEP_UP);
        assertThat(vienna.verdict().reasons()).containsExactly(LoginNovelty.REASON_NEW_COUNTRY);
        assertThat(vienna.verdict().checksLeft()).isEqualTo(5);
        assertThat(vienna.verdict().lockedUntil()).isNull();
        assertThat(vienna.decisions()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.NEW_LOCATION);
            assertThat(d.details()).containsEntry("country", "AT");
        });
        assertThat(vienna.state().stepUpPending()).isTrue();
        assertThat(vienna.state().lastLoginCountry()).isEqualTo("DE"); // a stepped-up login is not trusted yet
        assertThat(vienna.profile().pendingCountry()).isEqualTo("AT");
    }

    @Test
    void threeCompletedStepUpsMakeACountryKnown() {
        login(at(0, 0), Origin.BERLIN);
        for (int i = 1; i <= 3; i++) {
            RiskEngine.Evaluation stepped = login(at(i * 300, 0), Origin.VIENNA);
            assertThat(stepped.verdict().verdict()).as("login %d", i).isEqualTo(Verdict.STEP_UP);
            apply(attempts.stepUp(at(i * 300, 30), SUCCEEDED, Origin.VIENNA));
        }
        assertThat(state.knownCountries()).containsExactly("AT", "DE");
        assertThat(profile.countryCleanLogins()).isEmpty();
        assertThat(login(at(1300, 0), Origin.VIENNA).verdict().verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void impossibleTravelFromCountryCentroidsIsAStepUp() {
        login(at(0, 0), Origin.BERLIN.countryOnly());
        apply(attempts.password(at(1, 0), SUCCEEDED, Origin.SAO_PAULO.countryOnly()));
        // Brazil is new anyway; trust it, then come back to Germany an hour later: 9,500 km in an hour.
        profile = profile.toBuilder().build();
        state = new AccountRiskState(state.eventId(), state.occurredAt(), state.accountKey(), 0, 0, null,
                state.admittedProcessed(), state.lastSequence(), java.util.Set.of("DE", "BR"), state.knownDevices(),
                "BR", state.occurredAt(), -14.235004, -51.92528, false, null, state.version(), 5, 5);
        RiskEngine.Evaluation back = login(at(61, 0), Origin.BERLIN.countryOnly());

        assertThat(back.verdict().verdict()).isEqualTo(Verdict.STEP_UP);
        assertThat(back.verdict().reasons()).containsExactly(LoginNovelty.REASON_IMPOSSIBLE_TRAVEL);
        assertThat(back.decisions()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.STEP_UP_REQUIRED);
            assertThat(d.details()).containsEntry("reason", LoginNovelty.REASON_IMPOSSIBLE_TRAVEL);
        });
    }

    @Test
    void aFourthAddressWithinAnHourIsAStepUp() {
        login(at(0, 0), Origin.BERLIN.withIp("10.0.0.1"));
        login(at(10, 0), Origin.BERLIN.withIp("10.0.0.2"));
        assertThat(login(at(20, 0), Origin.BERLIN.withIp("10.0.0.3")).verdict().verdict()).isEqualTo(Verdict.ALLOW);
        RiskEngine.Evaluation fourth = login(at(30, 0), Origin.BERLIN.withIp("10.0.0.4"));
        assertThat(fourth.verdict().verdict()).isEqualTo(Verdict.STEP_UP);
        assertThat(fourth.verdict().reasons()).containsExactly(LoginNovelty.REASON_IP_CHANGES);
        assertThat(fourth.decisions()).extracting(RiskDecision::type).containsExactly(RiskDecision.Type.STEP_UP_REQUIRED);
    }

    @Test
    void aNewDeviceIsAnAlertNotABlock() {
        login(at(0, 0), Origin.BERLIN);
        RiskEngine.Evaluation laptop = login(at(10, 0), Origin.BERLIN.withDevice("laptop"));
        assertThat(laptop.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(laptop.decisions()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.NEW_DEVICE);
            assertThat(d.details()).containsEntry("device", "laptop");
        });
        assertThat(laptop.state().knownDevices()).containsExactly("device-1", "laptop");
        assertThat(login(at(20, 0), Origin.BERLIN.withDevice("laptop")).decisions()).isEmpty();
    }

    @Test
    void failuresRunNoLocationRules() {
        login(at(0, 0), Origin.BERLIN);
        RiskEngine.Evaluation failure = apply(attempts.password(at(1, 0), BAD_PASSWORD, Origin.SAO_PAULO.withDevice("x")));
        assertThat(failure.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(failure.decisions()).isEmpty();
        assertThat(failure.state().knownDevices()).containsExactly("device-1");
    }

    @Test
    void theLatestAttemptIdsAreRememberedAndOlderOnesForgotten() {
        RiskEngine small = new RiskEngine(RiskSettings.defaults().withRememberedAttempts(2), CountryCentroids.shipped());
        LoginAttempted a = attempts.password(at(0, 0), SUCCEEDED);
        LoginAttempted b = attempts.password(at(0, 1), SUCCEEDED);
        LoginAttempted c = attempts.password(at(0, 2), SUCCEEDED);
        RiskEngine.Evaluation e = small.evaluate(null, null, a);
        e = small.evaluate(e.state(), e.profile(), b);
        e = small.evaluate(e.state(), e.profile(), c);
        assertThat(e.profile().recentAttempts().entries()).extracting(RecentInputs.Entry::id)
                .containsExactly(b.attemptId(), c.attemptId());
        // c took a's slot, so a's kept outputs are overwritten rather than deleted
        assertThat(e.profile().remembered(c.attemptId()).slot()).isZero();
        assertThat(e.profile().remembered(a.attemptId())).isNull();
        assertThat(e.forgotten()).isEmpty();
    }
}
