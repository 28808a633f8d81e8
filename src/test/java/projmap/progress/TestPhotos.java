package projmap.progress;

import java.io.IOException;

/** Test images for suites in other packages (browser tests). */
public final class TestPhotos {
    /** A 1×1 lossless WebP, as a browser's canvas.toBlob('image/webp') makes them, in Base64. */
    public static final String WEBP_1X1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

    private TestPhotos() {
    }

    /** A JPEG with an EXIF GPS block at 32.98 N, 114.02 E. */
    public static byte[] jpegWithPosition() throws IOException {
        return PhotoApiTest.jpegWithPosition();
    }
}
