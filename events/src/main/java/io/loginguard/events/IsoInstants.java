package io.loginguard.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants in the ISO-8601 UTC form every event uses ({@code 2026-12-06T15:04:05.123Z}, what {@link Instant#toString()}
 * writes), written and read without {@code DateTimeFormatter}. Risk reads and writes several instants per attempt (the
 * event, its stored state, its outputs, their CloudEvents time), and the formatter's general machinery was a visible
 * share of its stream thread's time. The output is exactly {@link Instant#toString()}'s; anything but the plain
 * form (another year range, an offset, a number) goes to the general code, so what is accepted and refused is as
 * before.
 */
public final class IsoInstants {
    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written with four digits and no sign. */
    private static final long MIN_PLAIN = -62_167_219_200L;
    private static final long MAX_PLAIN = 253_402_300_800L;

    private IsoInstants() {
    }

    /** As {@link Instant#toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_PLAIN || seconds >= MAX_PLAIN) {
            return instant.toString();
        }
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nanos = instant.getNano();
        char[] out = new char[nanos == 0 ? 20 : nanos % 1_000_000 == 0 ? 24 : nanos % 1_000 == 0 ? 27 : 30];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        if (nanos != 0) {
            out[19] = '.';
            int width = out.length - 21;
            int fraction = width == 3 ? nanos / 1_000_000 : width == 6 ? nanos / 1_000 : nanos;
            digits(out, 20, fraction, width);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    /**
     * The instant of {@code text} if it is in the plain form (four-digit year, seconds, 0 to 9 fraction digits, 'Z')
     * and a valid date and time; null otherwise, for the caller's general parser to accept or refuse.
     */
    public static Instant parsePlain(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int dayOfMonth = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int nanos = 0;
        if (n > 20) {
            if (text.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = number(text, 20, n - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || dayOfMonth < 1 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || dayOfMonth > 28 && !validDay(year, month, dayOfMonth)) {
            return null;
        }
        long day = LocalDate.of(year, month, dayOfMonth).toEpochDay();
        return Instant.ofEpochSecond(day * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    private static boolean validDay(int year, int month, int dayOfMonth) {
        return dayOfMonth <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    /** The decimal number in {@code text[from, from + width)}, or -1 if one of them is not a digit. */
    private static int number(String text, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The Jackson module: instants written by {@link #format} and read by {@link #parsePlain}, else as before. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("loginguard-iso-instants");
        module.addSerializer(Instant.class, new Writer());
        module.addDeserializer(Instant.class, new Reader());
        return module;
    }

    private static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    private static final class Reader extends StdScalarDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Instant plain = parsePlain(p.getText());
                if (plain != null) {
                    return plain;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
