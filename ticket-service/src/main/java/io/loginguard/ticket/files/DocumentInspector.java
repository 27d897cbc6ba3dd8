package io.loginguard.ticket.files;

import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.code.Hashing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

/**
 * Decides what an uploaded file is from its content (magic bytes, then a real decode) and turns it into what is
 * stored: re-encoded without metadata, with its SHA-256. Nothing about a file's name or declared type is trusted.
 * At most {@code max-concurrent-decodes} documents are decoded at once, so a burst of uploads cannot exhaust the heap.
 */
@ApplicationScoped
public class DocumentInspector {
    private final ImageSanitizer images;
    private final PdfSanitizer pdfs = new PdfSanitizer();
    private final Semaphore decoding;

    public DocumentInspector(TicketPolicy policy) {
        this.images = new ImageSanitizer(policy.uploads().maxImagePixels());
        this.decoding = new Semaphore(Math.max(1, policy.uploads().maxConcurrentDecodes()), true);
    }

    public SanitizedDocument inspect(String part, byte[] bytes) {
        DocumentKind kind = DocumentKind.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, 16)))
                .orElseThrow(() -> UploadRejected.unsupported(part));
        decoding.acquireUninterruptibly();
        try {
            byte[] clean = kind.image() ? images.sanitize(part, kind, bytes) : pdfs.sanitize(part, bytes);
            return new SanitizedDocument(kind, clean, Hashing.sha256Hex(clean), bytes.length);
        } finally {
            decoding.release();
        }
    }
}
