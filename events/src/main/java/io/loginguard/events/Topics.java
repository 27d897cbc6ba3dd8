package io.loginguard.events;

import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue: every topic of the system and its settings. Tests, the local stack runner and
 * {@code deploy/} all create topics from this one list.
 */
public final class Topics {
    public static final String LOGIN_ATTEMPTS = "auth.login-attempts";
    public static final String ACCOUNTS = "auth.accounts";
    public static final String SECURITY_EVENTS = "auth.security-events";
    public static final String NOTIFICATION_REQUESTS = "notification.requests";
    public static final String NOTIFICATION_DELIVERIES = "notification.deliveries";
    public static final String RISK_VERDICTS = "risk.verdicts";
    public static final String RISK_ACCOUNT_STATE = "risk.account-state";
    public static final String RISK_DECISIONS = "risk.decisions";
    public static final String TICKET_EVENTS = "ticket.events";
    public static final String AUTH_DLQ = "auth.dlq";
    public static final String RISK_DLQ = "risk.dlq";
    public static final String NOTIFICATION_DLQ = "notification.dlq";
    public static final String TICKET_DLQ = "ticket.dlq";

    private static final long WEEK_MS = 7L * 24 * 3600 * 1000;
    private static final long MONTH_MS = 30L * 24 * 3600 * 1000;
    private static final int PARTITIONS = 6;

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(LOGIN_ATTEMPTS, PARTITIONS, false, MONTH_MS, "LoginAttempted, one per attempt"),
            new TopicSpec(ACCOUNTS, PARTITIONS, true, -1, "AccountSnapshot, latest per account"),
            new TopicSpec(SECURITY_EVENTS, PARTITIONS, false, MONTH_MS, "SecurityEvent"),
            new TopicSpec(NOTIFICATION_REQUESTS, PARTITIONS, false, WEEK_MS, "NotificationRequested"),
            new TopicSpec(NOTIFICATION_DELIVERIES, PARTITIONS, false, WEEK_MS, "NotificationDelivery"),
            new TopicSpec(RISK_VERDICTS, PARTITIONS, false, WEEK_MS, "RiskVerdict, one per attempt"),
            new TopicSpec(RISK_ACCOUNT_STATE, PARTITIONS, true, -1, "AccountRiskState, latest per account"),
            new TopicSpec(RISK_DECISIONS, PARTITIONS, false, MONTH_MS, "RiskDecision"),
            new TopicSpec(TICKET_EVENTS, PARTITIONS, false, MONTH_MS, "TicketEvent"),
            new TopicSpec(AUTH_DLQ, 1, false, MONTH_MS, "records auth could not process"),
            new TopicSpec(RISK_DLQ, 1, false, MONTH_MS, "records risk could not process"),
            new TopicSpec(NOTIFICATION_DLQ, 1, false, MONTH_MS, "records notification could not process"),
            new TopicSpec(TICKET_DLQ, 1, false, MONTH_MS, "records ticket could not process"));

    private Topics() {
    }

    /**
     * The partition Kafka's default partitioner gives a record with this key (murmur2 of the UTF-8 bytes), so
     * auth knows which partition an account's attempts travel through without asking the producer.
     */
    public static int partitionFor(String key, int partitions) {
        byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(bytes)) % partitions;
    }

    public static Optional<TopicSpec> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
