package io.loginguard.ticket.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;

/** Test documents: real JPEG, PNG and PDF files, and the bad ones (an executable, a truncated image). */
public final class Documents {
    /** The marker of an EXIF block: "Exif\0\0". */
    public static final byte[] EXIF_MARKER = {'E', 'x', 'i', 'f', 0, 0};
    public static final String SECRET_GPS = "GPS-31.2304N-121.4737E";

    private Documents() {
    }

    public static BufferedImage picture(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(width / 2), 1 + random.nextInt(height / 2));
        }
        g.dispose();
        return image;
    }

    /** A JPEG carrying an EXIF block (APP1) right after SOI, with a tell-tale GPS string in it. */
    public static byte[] jpegWithExif(int width, int height) {
        byte[] plain = encode(picture(width, height, 7), "jpeg");
        byte[] payload = concat(EXIF_MARKER, ("MM\0*" + SECRET_GPS).getBytes(StandardCharsets.US_ASCII));
        int length = payload.length + 2;
        byte[] app1 = concat(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length}, payload);
        return concat(Arrays.copyOfRange(plain, 0, 2), app1, Arrays.copyOfRange(plain, 2, plain.length));
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, 3), "jpeg");
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, 5), "png");
    }

    /** A noisy PNG of about the given size (noise does not compress): for size limits and the benchmark. */
    public static byte[] noisyPng(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        return encode(image, "png");
    }

    /** A one-page PDF whose document information names an author. */
    public static byte[] pdfWithAuthor(String author) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            PDDocumentInformation info = new PDDocumentInformation();
            info.setAuthor(author);
            doc.setDocumentInformation(info);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The author a PDF's document information names, or null. */
    public static String pdfAuthor(byte[] pdf) {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return doc.getDocumentInformation().getAuthor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start of a Windows executable: what a ".jpg" that is really a program begins with. */
    public static byte[] windowsExecutable() {
        byte[] exe = new byte[4096];
        new Random(1).nextBytes(exe);
        exe[0] = 'M';
        exe[1] = 'Z';
        return exe;
    }

    public static byte[] truncated(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
