package io.loginguard.events;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who writes and who reads each topic of the catalogue ({@link Topics}): the one table the Kafka ACLs of
 * {@code deploy/} (Strimzi {@code KafkaUser}s) are checked against. Data only.
 *
 * <p>{@code groups} are the consumer groups a service commits offsets under; a service that also reads a topic by
 * assignment (no group: auth's verdict waiters and risk-state rebuild) needs only read access to that topic.
 * A Kafka Streams service ({@code streamsApplicationId} set) also needs, under that id as a prefix, its group,
 * its transactional ids (for {@code exactly_once_v2}, which an operator may switch on) and its internal changelog and
 * repartition topics.
 */
public final class TopicAccess {

    public record Client(String service, Set<String> writes, Set<String> reads, Set<String> groups,
                         String streamsApplicationId) {
        public boolean isStreams() {
            return streamsApplicationId != null;
        }
    }

    public static final List<Client> ALL = List.of(
            new Client("auth-service",
                    Set.of(Topics.LOGIN_ATTEMPTS, Topics.ACCOUNTS, Topics.SECURITY_EVENTS, Topics.NOTIFICATION_REQUESTS,
                            Topics.AUTH_DLQ),
                    Set.of(Topics.RISK_VERDICTS, Topics.RISK_ACCOUNT_STATE, Topics.TICKET_EVENTS),
                    Set.of("loginguard-auth-verdicts", "loginguard-auth-risk-state", "loginguard-auth-tickets"),
                    null),
            new Client("risk-service",
                    Set.of(Topics.RISK_VERDICTS, Topics.RISK_ACCOUNT_STATE, Topics.RISK_DECISIONS, Topics.RISK_DLQ),
                    Set.of(Topics.LOGIN_ATTEMPTS, Topics.TICKET_EVENTS, Topics.SECURITY_EVENTS, Topics.ACCOUNTS),
                    Set.of(),
                    "loginguard-risk"),
            new Client("notification-service",
                    Set.of(Topics.NOTIFICATION_DELIVERIES, Topics.NOTIFICATION_DLQ),
                    Set.of(Topics.NOTIFICATION_REQUESTS, Topics.RISK_DECISIONS, Topics.SECURITY_EVENTS, Topics.ACCOUNTS),
                    Set.of("loginguard-notification-requests", "loginguard-notification-decisions",
                            "loginguard-notification-security-events", "loginguard-notification-contacts"),
                    null),
            new Client("ticket-service",
                    Set.of(Topics.TICKET_EVENTS, Topics.NOTIFICATION_REQUESTS, Topics.TICKET_DLQ),
                    Set.of(Topics.ACCOUNTS),
                    Set.of("loginguard-ticket-accounts"),
                    null));

    private TopicAccess() {
    }

    public static Optional<Client> of(String service) {
        return ALL.stream().filter(c -> c.service().equals(service)).findFirst();
    }
}
