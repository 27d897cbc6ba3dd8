package io.loginguard.notification.digest;

import io.loginguard.kit.db.Transactions;
import io.loginguard.notification.contact.Contact;
import io.loginguard.notification.contact.ContactStore;
import io.loginguard.notification.template.MessageRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a digest says: how many alerts it folds and, for each, when and what (the alert's own subject line). */
@ApplicationScoped
public class DigestContent {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Transactions tx;
    private final ContactStore contacts;
    private final MessageRenderer renderer;

    public DigestContent(Transactions tx, ContactStore contacts, MessageRenderer renderer) {
        this.tx = tx;
        this.contacts = contacts;
        this.renderer = renderer;
    }

    public Map<String, String> params(String accountId, List<UUID> alertIds) {
        String contactLocale = contacts.find(accountId).map(Contact::locale).orElse(null);
        List<String> items = tx.call(c -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT template, params::text, occurred_at FROM deliveries WHERE request_id = ANY (?) ORDER BY occurred_at")) {
                ps.setArray(1, c.createArrayOf("uuid", alertIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String template = rs.getString(1);
                        String locale = renderer.resolveLocale(template, contactLocale);
                        String subject = renderer.subject(template, locale, readParams(rs.getString(2)));
                        lines.add(TIME.format(rs.getTimestamp(3).toInstant()) + ": " + subject);
                    }
                }
            }
            return lines;
        });
        return Map.of("count", Integer.toString(items.size()), "items", String.join("\n\n", items));
    }

    private static Map<String, String> readParams(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
