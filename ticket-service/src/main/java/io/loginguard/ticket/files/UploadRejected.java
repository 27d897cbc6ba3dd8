package io.loginguard.ticket.files;

/** A document refused for what it is (400) or for its size (413); {@code part} names it, never its bytes. */
public class UploadRejected extends RuntimeException {
    private final int status;
    private final String code;
    private final String part;

    public UploadRejected(int status, String code, String part, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.part = part;
    }

    public static UploadRejected unsupported(String part) {
        return new UploadRejected(400, "unsupported_file_type", part, part + ": only JPEG, PNG or PDF files are accepted");
    }

    public static UploadRejected unreadable(String part, String what) {
        return new UploadRejected(400, "unreadable_file", part, part + ": the file is not a complete, readable " + what);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String part() {
        return part;
    }
}
