package io.loginguard.notification.support;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.Event;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.SealedParams;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Events as auth would publish them, sealed with the development key, and what tests read back. */
public final class Fixtures {
    public static final byte[] DEV_KEY = Base64.getDecoder().decode("ZGV2LW9ubHktc2VhbGluZy1rZXktMDEyMzQ1Njc4OWE=");

    private Fixtures() {
    }

    public static String account() {
        return UUID.randomUUID().toString();
    }

    public static String email(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String phone() {
        return "+86138" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }

    public static NotificationRequested request(String account, Channel channel, String destination, String template,
                                                Map<String, String> secret, Instant expiresAt) {
        UUID requestId = UUID.randomUUID();
        String sealed = secret.isEmpty() ? null : SealedParams.seal(secret, requestId.toString(), "dev", DEV_KEY);
        return new NotificationRequested(UUID.randomUUID(), Instant.now(), account, requestId, channel, destination,
                template, "en", Map.of("validMinutes", "10"), sealed, expiresAt);
    }

    public static NotificationRequested loginCode(String account, Channel channel, String destination, String code) {
        return request(account, channel, destination, "login-code", Map.of("code", code), Instant.now().plusSeconds(600));
    }

    public static AccountSnapshot snapshot(String account, String email, String phone, String locale, String antiPhishing, long version) {
        return new AccountSnapshot(UUID.randomUUID(), Instant.now(), account, AccountSnapshot.Status.ACTIVE, email, phone,
                true, phone != null, Set.of(), null, null, locale, version, antiPhishing);
    }

    public static void publish(KafkaProbe kafka, String topic, Event event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event);
        kafka.send(topic, event.key(), EventJson.toBytes(event), headers.toArray());
    }

    public static List<NotificationDelivery> outcomes(KafkaProbe kafka, UUID requestId) {
        return kafka.read(Topics.NOTIFICATION_DELIVERIES, null).stream()
                .map(r -> EventJson.fromBytes(r.value(), NotificationDelivery.class))
                .filter(d -> d.requestId().equals(requestId)).toList();
    }

    public static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(TestServers.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public static String header(Header[] headers, String name) {
        for (Header h : headers) {
            if (h.key().equals(name)) {
                return new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
