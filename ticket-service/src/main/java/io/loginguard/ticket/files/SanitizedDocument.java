package io.loginguard.ticket.files;

/**
 * A document as it will be stored: re-encoded without metadata, with the SHA-256 of those bytes.
 * {@code toString} never shows the bytes.
 */
public record SanitizedDocument(DocumentKind kind, byte[] bytes, String sha256, long uploadedBytes) {
    @Override
    public String toString() {
        return "SanitizedDocument[" + kind + ", " + bytes.length + " bytes, sha256=" + sha256 + "]";
    }
}
