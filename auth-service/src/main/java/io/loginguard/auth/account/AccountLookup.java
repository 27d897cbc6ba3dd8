package io.loginguard.auth.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Finds accounts for the login path. While PostgreSQL keeps failing, the circuit opens and logins answer 503 at
 * once instead of each waiting out a connection timeout, so a burst during an outage piles up no threads; it
 * half-opens after the delay and closes again by itself once a lookup succeeds. Numbers are configuration
 * ({@code io.loginguard.auth.account.AccountLookup/byIdentifier/CircuitBreaker/delay} and the like).
 */
@ApplicationScoped
public class AccountLookup {

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2000, successThreshold = 1)
    public Optional<Account> byIdentifier(Identifier identifier) {
        return Account.findByIdentifier(identifier);
    }
}
