package io.loginguard.auth.login;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.RiskVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * No session before risk has judged the attempt that earned it: ALLOW opens it, STEP_UP asks for identity
 * re-verification, LOCKED and THROTTLED answer "Operations too frequent", and silence past the wait fails closed
 * (503 risk_unavailable) unless configured open. The time spent waiting is the metric
 * {@code loginguard_login_verdict_wait_seconds}.
 */
@ApplicationScoped
public class VerdictWait {
    private final VerdictWaiters waiters;
    private final Duration wait;
    private final Duration failureWait;
    private final boolean failClosed;
    private final Clock clock;
    private final Timer waited;

    public VerdictWait(VerdictWaiters waiters, AuthConfig config, Clock clock, MeterRegistry registry) {
        this.waiters = waiters;
        this.wait = config.login().verdictWait();
        this.failureWait = config.login().failureVerdictWait();
        this.failClosed = config.login().verdictWaitFailClosed();
        this.clock = clock;
        this.waited = Timer.builder("loginguard.login.verdict.wait")
                .description("how long a login with the right credentials waited for risk's verdict")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Registers for the verdict on an attempt: before it is published. */
    public CompletableFuture<RiskVerdict> expect(UUID attemptId) {
        return waiters.expect(attemptId);
    }

    public void forget(UUID attemptId) {
        waiters.forget(attemptId);
    }

    /** Returns normally only if risk allows the attempt (or, configured open, stays silent). */
    public void requireAllowed(CompletableFuture<RiskVerdict> pending) {
        long started = System.nanoTime();
        Optional<RiskVerdict> verdict;
        try {
            verdict = await(pending, wait);
        } finally {
            waited.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        if (verdict.isPresent()) {
            judge(verdict.get());
        } else if (failClosed) {
            throw new ApiException(Problem.of(503, "risk_unavailable", "Login temporarily unavailable",
                    "security checks are not answering; please try again shortly"), Duration.ofSeconds(2));
        }
    }

    /**
     * For an attempt whose password was wrong (or whose account does not exist): refused 429 like any other attempt
     * if risk throttles its address, or refuses it for a lock already in force (mode account-and-source: its source
     * is locked; or an account lock: either one an attempt in flight met before the gate knew it). Then the answer does
     * not tell a right password (429) from a wrong one (401). Any other verdict (the attempt that engages a lock is
     * still answered 401, as the gate's fifth failure), or none within
     * {@code loginguard.auth.login.failure-verdict-wait}, leaves the failure to be answered as such.
     */
    public void refuseIfRefused(CompletableFuture<RiskVerdict> pending) {
        Optional<RiskVerdict> verdict = await(pending, failureWait);
        if (verdict.isPresent() && (verdict.get().verdict() == RiskVerdict.Verdict.THROTTLED
                || verdict.get().refusedForStandingLock())) {
            throw ApiException.tooFrequent("Operations too frequent. Please try again later.", retryAfter(verdict.get()));
        }
    }

    /** The verdict, or empty when risk stays silent for that long. */
    private static Optional<RiskVerdict> await(CompletableFuture<RiskVerdict> pending, Duration within) {
        try {
            return Optional.of(pending.get(within.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for risk's verdict", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void judge(RiskVerdict verdict) {
        switch (verdict.verdict()) {
            case ALLOW -> { }
            case STEP_UP -> throw new ApiException(Problem.of(403, "step_up_required", "Identity verification required",
                    "this login needs your identity confirmed (a new location or device): open an identity "
                            + "verification case with a selfie holding your ID at /api/v1/cases"));
            case LOCKED, THROTTLED -> throw ApiException.tooFrequent("Operations too frequent. Please try again later.",
                    retryAfter(verdict));
            default -> throw new ApiException(Problem.of(503, "risk_unavailable", "Login temporarily unavailable",
                    "security checks gave an answer this service does not know; please try again shortly"),
                    Duration.ofSeconds(2));
        }
    }

    /** Until the account's lock ends, or for THROTTLED the address's throttle (a minute from a risk that predates it). */
    private Duration retryAfter(RiskVerdict verdict) {
        Instant until = verdict.verdict() == RiskVerdict.Verdict.THROTTLED && verdict.throttledUntil() != null
                ? verdict.throttledUntil() : verdict.lockedUntil();
        if (until == null) {
            return Duration.ofSeconds(60);
        }
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }
}
