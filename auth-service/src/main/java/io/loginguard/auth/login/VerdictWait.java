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
    private final boolean failClosed;
    private final Clock clock;
    private final Timer waited;

    public VerdictWait(VerdictWaiters waiters, AuthConfig config, Clock clock, MeterRegistry registry) {
        this.waiters = waiters;
        this.wait = config.login().verdictWait();
        this.failClosed = config.login().verdictWaitFailClosed();
        this.clock = clock;
        this.waited = Timer.builder("loginguard.login.verdict.wait")
                .description("how long a login with the right credentials waited for risk's verdict")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
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
        RiskVerdict verdict;
        try {
            verdict = pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (failClosed) {
                throw new ApiException(Problem.of(503, "risk_unavailable", "Login temporarily unavailable",
                        "security checks are not answering; please try again shortly"), Duration.ofSeconds(2));
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for risk's verdict", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waited.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        judge(verdict);
    }

    private void judge(RiskVerdict verdict) {
        switch (verdict.verdict()) {
            case ALLOW -> { }
            case STEP_UP -> throw new ApiException(Problem.of(403, "step_up_required", "Identity verification required",
                    "this login needs your identity confirmed (a new location or device): open an identity "
                            + "verification case with a selfie holding your ID at /api/v1/cases"));
            case LOCKED, THROTTLED -> throw new ApiException(Problem.of(429, "too_frequent", "Operations too frequent",
                    "Operations too frequent. Please try again later."), retryAfter(verdict));
            default -> throw new ApiException(Problem.of(503, "risk_unavailable", "Login temporarily unavailable",
                    "security checks gave an answer this service does not know; please try again shortly"),
                    Duration.ofSeconds(2));
        }
    }

    private Duration retryAfter(RiskVerdict verdict) {
        if (verdict.lockedUntil() == null) {
            return Duration.ofSeconds(60);
        }
        Duration left = Duration.between(clock.instant(), verdict.lockedUntil());
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }
}
