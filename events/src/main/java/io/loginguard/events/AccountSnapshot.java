package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The current state of an account. Topic {@code auth.accounts} (compacted), key: the account id. Consumers keep
 * the snapshot with the highest {@code version}: the outbox relay keeps order, and this makes it not matter.
 *
 * @param antiPhishingCode the phrase the person chose to see at the top of every genuine email; null if none
 */
public record AccountSnapshot(
        UUID eventId,
        Instant occurredAt,
        String accountId,
        Status status,
        String email,
        String phone,
        boolean emailVerified,
        boolean phoneVerified,
        Set<SecondFactor> secondFactors,
        String masterAccountId,
        Instant frozenAt,
        String locale,
        long version,
        String antiPhishingCode) implements Event {

    public AccountSnapshot {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountId, "accountId");
        Require.present(status, "status");
        secondFactors = Canonical.set(secondFactors);
    }

    @Override
    public String key() {
        return accountId;
    }

    public enum Status { PENDING, ACTIVE, FROZEN, @JsonEnumDefaultValue UNKNOWN }

    public enum SecondFactor { TOTP, SMS, EMAIL, @JsonEnumDefaultValue UNKNOWN }
}
