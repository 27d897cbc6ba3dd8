package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The JSON form of events. Unknown fields are ignored (contracts grow by adding optional fields); a missing
 * required field, a wrong type or bad JSON is an {@link EventFormatException} naming the problem.
 * Output is deterministic for a given event (properties in declaration order, instants as ISO-8601 UTC),
 * which is what lets a replay compare verdicts byte for byte.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // Field names are not kept in a symbol table: risk's stored values have map keys that keep coming
                    // new (device ids, addresses, account keys), and each new one made the parser copy the table and
                    // intern the name. Decoding a short name each time is cheaper than that churn.
                    .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                    .build())
            .addModule(new JavaTimeModule())
            .addModule(IsoInstants.module()) // after JavaTimeModule: its Instant (de)serializers take precedence
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    /**
     * A copy of the mapper, for frameworks that want one configured the same way. A copy starts with empty caches:
     * every type it meets is introspected again, so code that reads or writes often uses this class's own methods.
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** The JSON tree of {@code bytes}, read as events are (for a record that is not a valid event). */
    public static JsonNode readTree(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    public static byte[] toBytes(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot write " + event.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String toJson(Object event) {
        return new String(toBytes(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        if (bytes == null || bytes.length == 0) {
            throw new EventFormatException(type.getSimpleName() + ": empty record value", null);
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JsonMappingException e) {
            throw new EventFormatException(type.getSimpleName() + ": " + describe(e), e);
        } catch (IOException e) {
            throw new EventFormatException(type.getSimpleName() + ": malformed JSON: " + e.getMessage(), e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return fromBytes(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    private static String describe(JsonMappingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Require.MissingFieldException missing) {
                return missing.getMessage();
            }
        }
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return (path.isEmpty() ? "" : "field '" + path + "': ") + e.getOriginalMessage();
    }
}
