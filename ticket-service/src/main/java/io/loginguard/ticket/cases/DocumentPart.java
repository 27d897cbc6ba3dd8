package io.loginguard.ticket.cases;

import java.util.Arrays;
import java.util.Optional;

/** The multipart parts a case's documents come in. */
public enum DocumentPart {
    ID_FRONT("idFront"), ID_BACK("idBack"), SELFIE("selfie"), DOCUMENT("document");

    private final String partName;

    DocumentPart(String partName) {
        this.partName = partName;
    }

    public String partName() {
        return partName;
    }

    public static Optional<DocumentPart> byPartName(String name) {
        return Arrays.stream(values()).filter(p -> p.partName.equals(name)).findFirst();
    }
}
