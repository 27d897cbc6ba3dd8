package io.loginguard.ticket.cases;

import java.util.UUID;

/** What binds a stored document to its place: the associated data of its encryption. */
final class FileAccess {
    private FileAccess() {
    }

    static String associatedData(UUID caseId, UUID fileId) {
        return "case:" + caseId + "/file:" + fileId;
    }
}
