package io.loginguard.ticket.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.ticket.cases.DocumentPart;
import io.loginguard.ticket.support.Policies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadsTest {
    private final Uploads uploads = new Uploads(new DocumentInspector(Policies.defaults()), Policies.with(Map.of(
            "loginguard.ticket.uploads.max-file-bytes", "100", "loginguard.ticket.uploads.max-case-bytes", "250")));
    private static final Path P = Path.of("unused");

    @Test
    void limitsArePerFileAndPerCase() {
        assertThat(uploads.checkShape(List.of(new IncomingFile("selfie", P, 100)), Set.of(DocumentPart.SELFIE), 0)).hasSize(1);
        assertRejected(() -> uploads.checkShape(List.of(new IncomingFile("selfie", P, 101)), Set.of(), 0), 413, "file_too_large");
        assertRejected(() -> uploads.checkShape(List.of(new IncomingFile("selfie", P, 100), new IncomingFile("idFront", P, 100)),
                Set.of(), 51), 413, "case_too_large");
    }

    @Test
    void partsAreKnownDistinctNonEmptyAndComplete() {
        assertRejected(() -> uploads.checkShape(List.of(new IncomingFile("avatar", P, 10)), Set.of(), 0), 400, "unknown_part");
        assertRejected(() -> uploads.checkShape(List.of(new IncomingFile("selfie", P, 10), new IncomingFile("selfie", P, 10)),
                Set.of(), 0), 400, "duplicate_part");
        assertRejected(() -> uploads.checkShape(List.of(new IncomingFile("selfie", P, 0)), Set.of(), 0), 400, "empty_file");
        assertRejected(() -> uploads.checkShape(List.of(new IncomingFile("selfie", P, 10)), Set.of(DocumentPart.ID_FRONT), 0),
                400, "missing_part");
    }

    private static void assertRejected(Runnable r, int status, String code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(UploadRejected.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
