package io.loginguard.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Kafka headers as a JSON column: {@code [{"name": ..., "value": base64}, ...]}, order and repeats kept. A header
 * without a value comes back with an empty one.
 */
public final class HeaderCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeaderCodec() {
    }

    public static String toJson(List<SourceRecord.RecordHeader> headers) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (SourceRecord.RecordHeader h : headers) {
            rows.add(Map.of("name", h.name(), "value", h.value() == null ? "" : Base64.getEncoder().encodeToString(h.value())));
        }
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<SourceRecord.RecordHeader> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, String>> rows = JSON.readValue(json, new TypeReference<>() { });
            return rows.stream().map(r -> new SourceRecord.RecordHeader(r.get("name"), Base64.getDecoder().decode(r.get("value")))).toList();
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("stored headers are not readable: " + e.getMessage(), e);
        }
    }
}
