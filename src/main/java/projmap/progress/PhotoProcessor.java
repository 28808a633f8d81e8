package projmap.progress;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.TimeZone;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import projmap.http.ApiException;

/**
 * Turns an uploaded file into a stored photo, or refuses it. The file must be a JPEG, PNG or WebP by
 * its content (magic bytes, then a full decode), whatever its name or declared type (a WebP is
 * stored as a JPEG: browsers and our thumbnails all read JPEG); at most
 * {@link #MAX_BYTES} and {@link #MAX_PIXELS} (checked from the header before decoding, so that a
 * small file that inflates to gigabytes is refused cheaply). The image is re-encoded — which drops
 * any metadata and anything smuggled after the image data — and a JPEG thumbnail of at most
 * {@link #THUMB_SIZE} px is made. The EXIF position (WGS84, as cameras and phones write it) and the
 * time taken are read before re-encoding. Stateless and thread-safe.
 */
public final class PhotoProcessor {
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final long MAX_PIXELS = 40_000_000L;
    public static final int MAX_EDGE = 4096;
    public static final int THUMB_SIZE = 320;

    private PhotoProcessor() {
    }

    /** A photo ready to store. {@code lon}/{@code lat} null when the file had no usable position. */
    public record Processed(String mediaType, int width, int height, Double lon, Double lat, Instant takenAt,
                            byte[] image, byte[] thumbnail) {
    }

    public static Processed process(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw new ApiException(413, "too_large", "a photo may have at most " + MAX_BYTES / (1024 * 1024) + " MB",
                    Map.of("maxBytes", MAX_BYTES));
        }
        String type = sniff(data);
        if (type == null) {
            throw notAnImage();
        }
        String format = switch (type) {
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            default -> "jpeg";
        };
        BufferedImage image = decode(data, format);
        if (format.equals("webp")) {
            type = "image/jpeg";
            format = "jpeg";
        }
        Double lon = null;
        Double lat = null;
        Instant takenAt = null;
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(data));
            GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
            GeoLocation at = gps == null ? null : gps.getGeoLocation();
            if (at != null && !at.isZero() && Double.isFinite(at.getLongitude()) && Double.isFinite(at.getLatitude())
                    && Math.abs(at.getLongitude()) <= 180 && Math.abs(at.getLatitude()) <= 90) {
                lon = at.getLongitude();
                lat = at.getLatitude();
            }
            ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
            // cameras write local time without a zone; the programme's photos are taken in China
            Date taken = exif == null ? null : exif.getDateOriginal(TimeZone.getTimeZone("Asia/Shanghai"));
            takenAt = taken == null ? null : taken.toInstant();
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            // metadata is optional: an unreadable EXIF block loses the position, not the photo
        }
        BufferedImage stored = scale(image, MAX_EDGE);
        return new Processed(type, stored.getWidth(), stored.getHeight(), lon, lat, takenAt,
                encode(stored, format), encode(scale(image, THUMB_SIZE), "jpeg"));
    }

    /** The media type by the file's first bytes; null when not JPEG, PNG or WebP. */
    static String sniff(byte[] d) {
        if (d.length > 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        // RIFF container, 4 bytes of length, then WEBP
        if (d.length > 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F'
                && d[8] == 'W' && d[9] == 'E' && d[10] == 'B' && d[11] == 'P') {
            return "image/webp";
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (d.length > png.length) {
            for (int i = 0; i < png.length; i++) {
                if (d[i] != png[i]) {
                    return null;
                }
            }
            return "image/png";
        }
        return null;
    }

    private static BufferedImage decode(byte[] data, String format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw notAnImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new ApiException(413, "too_many_pixels", "a photo may have at most " + MAX_PIXELS / 1_000_000
                            + " megapixels", Map.of("maxPixels", MAX_PIXELS));
                }
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw notAnImage();
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw notAnImage();
        }
    }

    private static ApiException notAnImage() {
        return new ApiException(415, "not_an_image", "the file is not a readable JPEG, PNG or WebP image", Map.of());
    }

    /** Scales down (never up) so that the longer edge is at most {@code edge}; RGB without alpha for JPEG. */
    private static BufferedImage scale(BufferedImage src, int edge) {
        double f = Math.min(1.0, (double) edge / Math.max(src.getWidth(), src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * f));
        int h = Math.max(1, (int) Math.round(src.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format.equals("png")) {
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
