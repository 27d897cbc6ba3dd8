package io.loginguard.ticket.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.ticket.code.Hashing;
import io.loginguard.ticket.support.Documents;
import io.loginguard.ticket.support.Policies;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

class DocumentInspectorTest {
    private final DocumentInspector inspector = new DocumentInspector(Policies.defaults());

    @Test
    void aJpegIsReencodedWithoutItsExif() throws IOException {
        byte[] upload = Documents.jpegWithExif(640, 480);
        assertThat(Documents.contains(upload, Documents.EXIF_MARKER)).isTrue();
        SanitizedDocument doc = inspector.inspect("idFront", upload);
        assertThat(doc.kind()).isEqualTo(DocumentKind.JPEG);
        assertThat(Documents.contains(doc.bytes(), Documents.EXIF_MARKER)).isFalse();
        assertThat(Documents.contains(doc.bytes(), Documents.SECRET_GPS.getBytes())).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(doc.bytes())).getWidth()).isEqualTo(640);
        assertThat(doc.sha256()).isEqualTo(Hashing.sha256Hex(doc.bytes()));
        assertThat(doc.uploadedBytes()).isEqualTo(upload.length);
        assertThat(doc.toString()).doesNotContain("[B@");
    }

    @Test
    void aPngStaysAPng() {
        SanitizedDocument doc = inspector.inspect("idBack", Documents.png(300, 200));
        assertThat(doc.kind()).isEqualTo(DocumentKind.PNG);
        assertThat(DocumentKind.sniff(doc.bytes())).contains(DocumentKind.PNG);
    }

    @Test
    void aPdfLosesItsDocumentInformation() throws IOException {
        byte[] upload = Documents.pdfWithAuthor("Jane Q. Person");
        try (PDDocument before = Loader.loadPDF(upload)) {
            assertThat(before.getDocumentInformation().getAuthor()).isEqualTo("Jane Q. Person");
        }
        SanitizedDocument doc = inspector.inspect("document", upload);
        assertThat(doc.kind()).isEqualTo(DocumentKind.PDF);
        try (PDDocument back = Loader.loadPDF(doc.bytes())) {
            assertThat(back.getNumberOfPages()).isEqualTo(1);
            assertThat(back.getDocumentInformation().getAuthor()).isNull();
            assertThat(back.getDocumentCatalog().getMetadata()).isNull();
        }
    }

    @Test
    void contentDecidesNotTheName() {
        assertThatThrownBy(() -> inspector.inspect("idFront", Documents.windowsExecutable()))
                .isInstanceOfSatisfying(UploadRejected.class, e -> {
                    assertThat(e.code()).isEqualTo("unsupported_file_type");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.part()).isEqualTo("idFront");
                });
        assertThatThrownBy(() -> inspector.inspect("idFront", "GIF89a....".getBytes()))
                .isInstanceOfSatisfying(UploadRejected.class, e -> assertThat(e.code()).isEqualTo("unsupported_file_type"));
    }

    @Test
    void truncatedOrFakeFilesAreUnreadable() {
        for (byte[] bad : new byte[][] {
                Documents.truncated(Documents.png(400, 300)),
                Documents.truncated(Documents.jpeg(400, 300)),
                Documents.truncated(Documents.pdfWithAuthor("x")),
                {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3},
                {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 0, 0},
                "%PDF-1.7 not really".getBytes()}) {
            assertThatThrownBy(() -> inspector.inspect("selfie", bad))
                    .isInstanceOfSatisfying(UploadRejected.class, e -> assertThat(e.code()).isEqualTo("unreadable_file"));
        }
    }

    @Test
    void anImageWithTooManyPixelsIsRefusedBeforeDecoding() {
        DocumentInspector small = new DocumentInspector(Policies.with(Map.of("loginguard.ticket.uploads.max-image-pixels", "10000")));
        assertThatThrownBy(() -> small.inspect("selfie", Documents.png(101, 100)))
                .isInstanceOfSatisfying(UploadRejected.class, e -> assertThat(e.code()).isEqualTo("image_too_large"));
    }
}
