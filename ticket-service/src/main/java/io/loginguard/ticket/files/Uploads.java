package io.loginguard.ticket.files;

import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.cases.DocumentPart;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a request's files, cheapest first: known and distinct parts, the required ones present, the sizes
 * (10 MiB a file, 30 MiB a case), then each file decoded and re-encoded. Any refusal refuses the whole request before
 * anything is stored.
 */
@ApplicationScoped
public class Uploads {
    private final DocumentInspector inspector;
    private final TicketPolicy.Uploads limits;

    public Uploads(DocumentInspector inspector, TicketPolicy policy) {
        this.inspector = inspector;
        this.limits = policy.uploads();
    }

    /** Shape and size only (no decoding): parts known, distinct, required ones present, limits kept. */
    public Map<DocumentPart, IncomingFile> checkShape(List<IncomingFile> files, Set<DocumentPart> required, long alreadyStored) {
        Map<DocumentPart, IncomingFile> byPart = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long total = alreadyStored;
        for (IncomingFile f : files) {
            DocumentPart part = DocumentPart.byPartName(f.part()).orElseThrow(() -> new UploadRejected(400, "unknown_part",
                    f.part(), "unknown file part '" + f.part() + "': use idFront, idBack, selfie or document"));
            if (!seen.add(f.part())) {
                throw new UploadRejected(400, "duplicate_part", f.part(), "the part " + f.part() + " was sent twice");
            }
            if (f.size() == 0) {
                throw new UploadRejected(400, "empty_file", f.part(), f.part() + ": the file is empty");
            }
            if (f.size() > limits.maxFileBytes()) {
                throw new UploadRejected(413, "file_too_large", f.part(),
                        f.part() + ": a file may have at most " + limits.maxFileBytes() + " bytes");
            }
            total += f.size();
            byPart.put(part, f);
        }
        for (DocumentPart part : required) {
            if (!byPart.containsKey(part)) {
                throw new UploadRejected(400, "missing_part", part.partName(), "the file part " + part.partName() + " is required");
            }
        }
        if (total > limits.maxCaseBytes()) {
            throw new UploadRejected(413, "case_too_large", null,
                    "the files of a case may have at most " + limits.maxCaseBytes() + " bytes together");
        }
        return byPart;
    }

    /** Decodes and re-encodes every file; the first bad one refuses them all. */
    public List<PreparedDocument> prepare(Map<DocumentPart, IncomingFile> files) {
        List<PreparedDocument> out = new ArrayList<>();
        for (Map.Entry<DocumentPart, IncomingFile> e : files.entrySet()) {
            String part = e.getKey().partName();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(e.getValue().path());
            } catch (IOException ex) {
                throw UploadRejected.unreadable(part, "upload");
            }
            out.add(new PreparedDocument(part, inspector.inspect(part, bytes)));
        }
        return out;
    }

    public record PreparedDocument(String part, SanitizedDocument document) {
    }
}
