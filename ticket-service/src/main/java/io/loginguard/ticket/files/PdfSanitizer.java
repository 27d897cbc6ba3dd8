package io.loginguard.ticket.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Parses a PDF completely with Apache PDFBox (every page's tree and resources walked) and saves it again without its
 * document information (author, producer, dates), XMP metadata, page metadata, and without what a PDF can run or
 * carry: the open action, document-level JavaScript and additional actions, embedded files. An encrypted PDF is
 * refused: a reviewer could not read it. PDFBox repairs damaged files leniently, so a file must also end with
 * {@code %%EOF} (a truncated upload does not).
 */
public final class PdfSanitizer {
    private static final int MAX_PAGES = 50;

    public byte[] sanitize(String part, byte[] bytes) {
        if (!endsWithEof(bytes)) {
            // PDFBox's parser is lenient and rebuilds a cut file from what is left; a truncated upload is refused
            throw UploadRejected.unreadable(part, "PDF (it does not end with %%EOF)");
        }
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            if (doc.isEncrypted()) {
                throw new UploadRejected(400, "encrypted_pdf", part, part + ": the PDF is encrypted; send it without a password");
            }
            int pages = doc.getNumberOfPages();
            if (pages < 1 || pages > MAX_PAGES) {
                throw UploadRejected.unreadable(part, "PDF of 1 to " + MAX_PAGES + " pages");
            }
            for (PDPage page : doc.getPages()) {
                page.getResources(); // walks each page's resources: a broken tree fails here, not in a reviewer's viewer
                page.setMetadata(null);
                page.getCOSObject().removeItem(COSName.AA);
            }
            doc.setDocumentInformation(new PDDocumentInformation());
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            catalog.removeItem(COSName.METADATA);
            catalog.removeItem(COSName.OPEN_ACTION);
            catalog.removeItem(COSName.AA);
            catalog.removeItem(COSName.NAMES); // JavaScript, embedded files
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
            doc.save(out);
            return out.toByteArray();
        } catch (UploadRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw UploadRejected.unreadable(part, "PDF");
        }
    }

    /** The last {@code %%EOF} marker within the file's final kilobyte, followed by nothing but whitespace. */
    static boolean endsWithEof(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
            end--;
        }
        byte[] eof = {'%', '%', 'E', 'O', 'F'};
        if (end < eof.length) {
            return false;
        }
        for (int i = 0; i < eof.length; i++) {
            if (bytes[end - eof.length + i] != eof[i]) {
                return false;
            }
        }
        return true;
    }
}
