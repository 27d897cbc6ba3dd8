package io.loginguard.ticket.bench;

import io.loginguard.ticket.files.DocumentCipher;
import io.loginguard.ticket.files.DocumentInspector;
import io.loginguard.ticket.files.SanitizedDocument;
import io.loginguard.ticket.support.Policies;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures, not asserts: what storing one 5 MiB image costs (content check, full decode, metadata strip by
 * re-encoding, SHA-256, AES-256-GCM), single-threaded, as p50/p99 and MB/s of upload, for a JPEG and a PNG. Each is set
 * against references measured in the same run on the same bytes: raw AES-GCM of the upload, and a bare ImageIO decode.
 * Run: {@code ./mvnw -B -o -pl ticket-service verify -Dtest=UploadBench -Dloginguard.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (options {@code -Dloginguard.bench.iterations=40 -Dloginguard.bench.warmup=10}); the result is also written to
 * {@code ticket-service/target/upload-bench.txt}.
 */
@EnabledIfSystemProperty(named = "loginguard.bench", matches = "true")
class UploadBench {
    private static final int TARGET_BYTES = 5 * 1024 * 1024;
    private final int iterations = Integer.getInteger("loginguard.bench.iterations", 40);
    private final int warmup = Integer.getInteger("loginguard.bench.warmup", 10);
    private final DocumentInspector inspector = new DocumentInspector(Policies.defaults());
    private final DocumentCipher cipher = new DocumentCipher("bench-only-key-0123456789abcdef!".getBytes(StandardCharsets.US_ASCII), "bench");

    @Test
    void fiveMebibyteImages() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "JVM %s, %d cores, %d warm-up + %d measured iterations each, one thread",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), warmup, iterations));
        for (String format : List.of("jpeg", "png")) {
            byte[] upload = image(format);
            Result store = measure(() -> {
                SanitizedDocument doc = inspector.inspect("selfie", upload);
                return cipher.encrypt(doc.bytes(), "case:bench/file:bench");
            }, upload.length);
            Result aes = measure(() -> cipher.encrypt(upload, "case:bench/file:bench"), upload.length);
            Result decode = measure(() -> {
                try {
                    return ImageIO.read(new ByteArrayInputStream(upload));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, upload.length);
            lines.add(String.format(Locale.ROOT, "%s %.2f MiB upload: store (check+decode+strip+sha256+encrypt) %s", format.toUpperCase(Locale.ROOT),
                    upload.length / 1048576.0, store));
            lines.add(String.format(Locale.ROOT, "  reference raw AES-256-GCM %s", aes));
            lines.add(String.format(Locale.ROOT, "  reference bare ImageIO decode %s", decode));
            lines.add(String.format(Locale.ROOT, "  ratios: store throughput = %.4f x raw AES-GCM, = %.3f x bare decode; store p99 / decode p99 = %.2f",
                    store.mbPerSecond() / aes.mbPerSecond(), store.mbPerSecond() / decode.mbPerSecond(),
                    store.p99Ms() / decode.p99Ms()));
        }
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(Path.of("target", "upload-bench.txt"), report + "\n");
    }

    private Result measure(Supplier<Object> work, int bytes) {
        for (int i = 0; i < warmup; i++) {
            consume(work.get());
        }
        Histogram h = new Histogram(3);
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            consume(work.get());
            h.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                (double) bytes * iterations / 1048576.0 / seconds);
    }

    private static int sink;

    private static void consume(Object o) {
        sink += System.identityHashCode(o) & 1;
    }

    /** A camera-like image of about 5 MiB: smooth gradients with sensor noise (noise keeps it from compressing away). */
    static byte[] image(String format) throws IOException {
        int side = format.equals("png") ? 1300 : 2600;
        byte[] best = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            byte[] bytes = encode(picture(side, side * 3 / 4), format);
            best = bytes;
            double ratio = (double) TARGET_BYTES / bytes.length;
            if (Math.abs(ratio - 1) < 0.05) {
                break;
            }
            side = (int) (side * Math.sqrt(ratio));
        }
        return best;
    }

    private static BufferedImage picture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = Math.min(255, Math.max(0, x * 255 / w + random.nextInt(64) - 32));
                int g = Math.min(255, Math.max(0, y * 255 / h + random.nextInt(64) - 32));
                int b = Math.min(255, Math.max(0, 128 + random.nextInt(64) - 32));
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.95f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    record Result(double p50Ms, double p99Ms, double mbPerSecond) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, %.1f MiB/s", p50Ms, p99Ms, mbPerSecond);
        }
    }
}
