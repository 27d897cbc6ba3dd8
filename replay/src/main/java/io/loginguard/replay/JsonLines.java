package io.loginguard.replay;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * The recording format: JSON Lines, one record an object, fields always in this order:
 * <pre>
 * {"topic":"auth.login-attempts","partition":3,"offset":17,"timestamp":1767225600000,
 *  "key":"…","value":"…","headers":[{"key":"ce_id","value":"…"}]}
 * </pre>
 * Keys, values and header values are bytes. Valid UTF-8 (every event of this system: JSON values, UUID or
 * {@code unknown:} keys, CloudEvents headers) is written as a JSON string; anything else as base64 under
 * {@code keyBase64} / {@code valueBase64} (in a header: {@code valueBase64}), so every byte survives a round trip. A
 * null key or value is JSON null. The writer's output is a pure function of the records (same records, same bytes).
 */
public final class JsonLines {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonLines() {
    }

    /** Writes records to a stream, one line each. */
    public static final class Writer implements Closeable {
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private long written;

        public Writer(OutputStream out) {
            this.out = out;
        }

        public static Writer to(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new Writer(new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }

        public void write(ReplayRecord r) throws IOException {
            line.reset();
            try (JsonGenerator g = JSON.createGenerator(line, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("topic", r.topic());
                g.writeNumberField("partition", r.partition());
                g.writeNumberField("offset", r.offset());
                g.writeNumberField("timestamp", r.timestamp());
                bytes(g, "key", r.key());
                bytes(g, "value", r.value());
                g.writeArrayFieldStart("headers");
                for (ReplayRecord.Header h : r.headers()) {
                    g.writeStartObject();
                    g.writeStringField("key", h.key());
                    bytes(g, "value", h.value());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            line.write('\n');
            line.writeTo(out);
            written++;
        }

        public long written() {
            return written;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        private static void bytes(JsonGenerator g, String field, byte[] value) throws IOException {
            if (value == null) {
                g.writeNullField(field);
                return;
            }
            String text = utf8(value);
            if (text != null) {
                g.writeStringField(field, text);
            } else {
                g.writeStringField(field + "Base64", Base64.getEncoder().encodeToString(value));
            }
        }
    }

    /** The line's text, or null when the bytes are not valid UTF-8. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Parses one line; fails with the reason on anything that is not a record of this format. */
    public static ReplayRecord parse(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            String topic = null;
            Integer partition = null;
            Long offset = null;
            Long timestamp = null;
            byte[] key = null;
            byte[] value = null;
            List<ReplayRecord.Header> headers = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "topic" -> topic = p.getValueAsString();
                    case "partition" -> partition = p.getIntValue();
                    case "offset" -> offset = p.getLongValue();
                    case "timestamp" -> timestamp = p.getLongValue();
                    case "key" -> key = t == JsonToken.VALUE_NULL ? null : p.getText().getBytes(StandardCharsets.UTF_8);
                    case "keyBase64" -> key = Base64.getDecoder().decode(p.getText());
                    case "value" -> value = t == JsonToken.VALUE_NULL ? null : p.getText().getBytes(StandardCharsets.UTF_8);
                    case "valueBase64" -> value = Base64.getDecoder().decode(p.getText());
                    case "headers" -> {
                        expect(t, JsonToken.START_ARRAY, "headers as an array");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            String hk = null;
                            byte[] hv = null;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String hf = p.currentName();
                                JsonToken ht = p.nextToken();
                                switch (hf) {
                                    case "key" -> hk = p.getText();
                                    case "value" -> hv = ht == JsonToken.VALUE_NULL ? null : p.getText().getBytes(StandardCharsets.UTF_8);
                                    case "valueBase64" -> hv = Base64.getDecoder().decode(p.getText());
                                    default -> throw new IllegalArgumentException("unknown header field '" + hf + "'");
                                }
                            }
                            if (hk == null) {
                                throw new IllegalArgumentException("a header without a key");
                            }
                            headers.add(new ReplayRecord.Header(hk, hv));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown field '" + field + "'");
                }
            }
            if (topic == null || partition == null || offset == null || timestamp == null) {
                throw new IllegalArgumentException("topic, partition, offset and timestamp are required");
            }
            return new ReplayRecord(topic, partition, offset, timestamp, key, value, headers);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + what + ", found " + actual);
        }
    }

    /** Calls {@code each} for every record of the file, in file order; names the line of a bad record. */
    public static long forEach(Path file, Consumer<ReplayRecord> each) throws IOException {
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = in.readLine()) != null) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                ReplayRecord r;
                try {
                    r = parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + n + ": " + e.getMessage(), e);
                }
                each.accept(r);
            }
        }
        return n;
    }

    /** Every record of the file (for tests and small files; play and diff stream). */
    public static List<ReplayRecord> readAll(Path file) throws IOException {
        List<ReplayRecord> all = new ArrayList<>();
        forEach(file, all::add);
        return all;
    }
}
