package io.loginguard.ticket.files;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Decodes an image completely (a warning such as "premature end of data" refuses it: a truncated file is not an ID)
 * and encodes its pixels again, in the same format, without any metadata: EXIF (GPS, camera, time), XMP, ICC
 * profiles, comments and text chunks are gone. The size is checked from the header before the pixels are decoded.
 */
public final class ImageSanitizer {
    private static final float JPEG_QUALITY = 0.92f;

    private final long maxPixels;

    public ImageSanitizer(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public byte[] sanitize(String part, DocumentKind kind, byte[] bytes) {
        BufferedImage image = decode(part, kind, bytes);
        try {
            return encode(kind, image);
        } catch (IOException e) {
            throw new IllegalStateException("re-encoding an image in memory failed", e);
        }
    }

    BufferedImage decode(String part, DocumentKind kind, byte[] bytes) {
        String format = kind == DocumentKind.JPEG ? "jpeg" : "png";
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels <= 0 || pixels > maxPixels) {
                throw new UploadRejected(400, "image_too_large", part,
                        part + ": the image has more than " + maxPixels + " pixels");
            }
            boolean[] warned = {false};
            reader.addIIOReadWarningListener((source, warning) -> warned[0] = true);
            BufferedImage image = reader.read(0);
            if (image == null || warned[0]) {
                throw UploadRejected.unreadable(part, kind.name() + " image");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UploadRejected rejected) {
                throw rejected;
            }
            throw UploadRejected.unreadable(part, kind.name() + " image");
        } finally {
            reader.dispose();
        }
    }

    static byte[] encode(DocumentKind kind, BufferedImage image) throws IOException {
        String format = kind == DocumentKind.JPEG ? "jpeg" : "png";
        BufferedImage pixels = kind == DocumentKind.JPEG ? rgb(image) : image;
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, pixels.getWidth() * pixels.getHeight() / 4));
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (kind == DocumentKind.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** JPEG holds no alpha and the writer wants a plain RGB or gray raster. */
    private static BufferedImage rgb(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return copy;
    }
}
