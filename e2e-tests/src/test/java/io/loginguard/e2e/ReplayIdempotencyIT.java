package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.Topics;
import io.loginguard.replay.JsonLines;
import io.loginguard.replay.ReplayCli;
import io.loginguard.replay.ReplayRecord;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording played into the stack that already handled it sends nothing twice and applies nothing twice. The stack
 * (auth, risk, ticket-service, notification-service with GreenMail and the SMS simulator) runs a lockout and its
 * appeal and a frozen account's reactivation (codes by email and SMS, approvals applied by risk and by auth); the
 * whole recording (inputs, risk's outputs, notification requests and deliveries, ticket events) is then played into a
 * new broker and the same services, on the same databases and Redis, are started on it, so every consumer meets every
 * record again (on the old broker their groups have long committed past them, and {@code play} refuses to write a
 * recording into topics that hold other records). risk starts on fresh state and decides everything again.
 */
class ReplayIdempotencyIT {
    /** Consumer groups that act on the played records, and what they read. */
    private static final Map<String, String> ACTING_GROUPS = Map.of(
            "loginguard-notification-requests", Topics.NOTIFICATION_REQUESTS,
            "loginguard-notification-decisions", Topics.RISK_DECISIONS,
            "loginguard-notification-security-events", Topics.SECURITY_EVENTS,
            "loginguard-auth-tickets", Topics.TICKET_EVENTS);

    @TempDir
    Path dir;

    @Test
    void aRecordingPlayedIntoTheStackThatHandledItSendsNoMessageAndAppliesNoApprovalAgain() throws Exception {
        try (ScenarioStack stack = new ScenarioStack("replay-same")) {
            RecordedScenarios.Played appeal = RecordedScenarios.lockoutAppeal(stack);
            RecordedScenarios.Played reactivation = RecordedScenarios.frozenReactivation(stack);
            Path recording = dir.resolve("handled.jsonl");
            ScenarioFiles.recordSettled(stack.kafka(), recording);
            List<ReplayRecord> records = JsonLines.readAll(recording);

            // what the first time did: mails and SMS sent, approvals applied by risk (UNLOCKED) and by auth
            int mails = stack.mail().getReceivedMessages().length;
            int sms = stack.sms().messages().size();
            String phone = reactivation.emails().get("frozen-phone");
            assertThat(mails).as("codes, the lock alert, the case mails").isGreaterThanOrEqualTo(5);
            assertThat(stack.sms().messagesTo(phone)).as("the phone's code and the reactivation's").hasSizeGreaterThanOrEqualTo(2);
            assertThat(events(records, Topics.TICKET_EVENTS, TicketEvent.class)).filteredOn(e -> e.action() != null)
                    .extracting(TicketEvent::action).containsExactlyInAnyOrder(TicketEvent.ApprovedAction.RESTRICTION_LIFTED,
                            TicketEvent.ApprovedAction.REACTIVATE);
            assertThat(events(records, Topics.NOTIFICATION_REQUESTS, NotificationRequested.class))
                    .anyMatch(n -> phone.equals(n.destination()));
            assertThat(events(records, Topics.RISK_DECISIONS, RiskDecision.class)).extracting(RiskDecision::type)
                    .contains(RiskDecision.Type.LOCKED, RiskDecision.Type.UNLOCKED);
            String frozenId = reactivation.id("frozen");
            String lockedId = appeal.id("locked");
            String accountsBefore = accountRows(stack, frozenId, lockedId);
            long appliedBefore = appliedApprovals(stack);
            assertThat(accountsBefore).contains("ACTIVE");
            assertThat(appliedBefore).isEqualTo(2);

            // play refuses the live broker: its topics hold more than the recording (heartbeats, at least)
            assertThat(ReplayCli.run("play", "--in", recording.toString(), "--bootstrap", stack.kafka())).isEqualTo(3);

            KafkaBroker next = KafkaBroker.startEphemeral().createCatalogueTopics();
            stack.moveTo(next, () -> assertThat(ReplayCli.run("play", "--in", recording.toString(), "--bootstrap",
                    next.bootstrapServers())).as("replay play").isZero());
            awaitConsumed(next, records);
            Thread.sleep(5000); // anything a consumer had queued would be sent by now

            assertThat(stack.mail().getReceivedMessages()).as("no email sent again").hasSize(mails);
            assertThat(stack.sms().messages()).as("no SMS sent again").hasSize(sms);
            assertThat(accountRows(stack, frozenId, lockedId)).as("the accounts as auth keeps them").isEqualTo(accountsBefore);
            assertThat(appliedApprovals(stack)).isEqualTo(appliedBefore);
            // no service wrote anything of its own: auth no snapshot or security event, ticket no event, notification
            // no request or delivery; risk decided again, with the very same decisions (ids derive from the inputs)
            Map<String, Long> played = perTopic(records);
            try (KafkaProbe kafka = new KafkaProbe(next.bootstrapServers())) {
                for (String topic : List.of(Topics.ACCOUNTS, Topics.SECURITY_EVENTS, Topics.TICKET_EVENTS,
                        Topics.NOTIFICATION_REQUESTS, Topics.NOTIFICATION_DELIVERIES)) {
                    assertThat((long) kafka.read(topic, null).size()).as(topic).isEqualTo(played.get(topic));
                }
                Set<String> decided = kafka.read(Topics.RISK_DECISIONS, null).stream()
                        .map(r -> EventJson.fromBytes(r.value(), RiskDecision.class).eventId().toString())
                        .collect(Collectors.toSet());
                assertThat(decided).isEqualTo(events(records, Topics.RISK_DECISIONS, RiskDecision.class).stream()
                        .map(d -> d.eventId().toString()).collect(Collectors.toSet()));
            }

            // and the stack does work on the new broker: a new registration's code is mailed, once
            String email = Scenario.freshEmail("after-replay");
            assertThat(stack.auth().register(email, Scenario.PASSWORD).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.mail().getReceivedMessagesForDomain(email).length == 1);
            assertThat(stack.mail().getReceivedMessages()).hasSize(mails + 1);
            assertThat(stack.auth().login(reactivation.emails().get("frozen"), Scenario.PASSWORD).statusCode())
                    .as("the reactivated account logs in").isEqualTo(201);
        }
    }

    /** Until each acting group has committed past every record played into the partitions it reads. */
    private static void awaitConsumed(KafkaBroker broker, List<ReplayRecord> records) {
        Map<String, Long> playedPerPartition = new TreeMap<>();
        records.forEach(r -> playedPerPartition.merge(r.topic() + "/" + r.partition(), 1L, Long::sum));
        try (var admin = broker.admin()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (Map.Entry<String, String> group : ACTING_GROUPS.entrySet()) {
                    var committed = admin.listConsumerGroupOffsets(group.getKey()).partitionsToOffsetAndMetadata().get();
                    for (Map.Entry<String, Long> p : playedPerPartition.entrySet()) {
                        if (!p.getKey().startsWith(group.getValue() + "/")) {
                            continue;
                        }
                        int partition = Integer.parseInt(p.getKey().substring(p.getKey().lastIndexOf('/') + 1));
                        var offset = committed.get(new org.apache.kafka.common.TopicPartition(group.getValue(), partition));
                        if (offset == null || offset.offset() < p.getValue()) {
                            return false;
                        }
                    }
                }
                return true;
            });
        }
    }

    private static Map<String, Long> perTopic(List<ReplayRecord> records) {
        return records.stream().collect(Collectors.groupingBy(ReplayRecord::topic, TreeMap::new, Collectors.counting()));
    }

    private static <T> List<T> events(List<ReplayRecord> records, String topic, Class<T> type) {
        return records.stream().filter(r -> r.topic().equals(topic)).map(r -> EventJson.fromBytes(r.value(), type)).toList();
    }

    /** The accounts' rows in auth's database: status, phone, version and last change. */
    private static String accountRows(ScenarioStack stack, String... ids) throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection c = connect(stack);
             PreparedStatement q = c.prepareStatement("SELECT status, phone, version, updated_at FROM accounts WHERE id = ?::uuid")) {
            for (String id : ids) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).as("account " + id).isTrue();
                    rows.append(id).append(' ').append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getLong(3)).append(' ').append(rs.getTimestamp(4).toInstant()).append('\n');
                }
            }
        }
        return rows.toString();
    }

    private static long appliedApprovals(ScenarioStack stack) throws SQLException {
        try (Connection c = connect(stack);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM applied_ticket_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(ScenarioStack stack) throws SQLException {
        return DriverManager.getConnection(stack.authDatabase().jdbcUrl(), stack.authDatabase().user(),
                stack.authDatabase().password());
    }
}
