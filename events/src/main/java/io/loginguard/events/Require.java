package io.loginguard.events;

/** Checks the required fields of an event when it is built, so a record missing one never exists. */
public final class Require {
    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    /** Thrown when a required field of an event is absent. */
    public static final class MissingFieldException extends IllegalArgumentException {
        private final String field;

        public MissingFieldException(String field) {
            super("missing required field '" + field + "'");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
