package projmap.progress;

import java.io.IOException;

/** Test images for suites in other packages (browser tests). */
public final class TestPhotos {
    private TestPhotos() {
    }

    /** A JPEG with an EXIF GPS block at 32.98 N, 114.02 E. */
    public static byte[] jpegWithPosition() throws IOException {
        return PhotoApiTest.jpegWithPosition();
    }
}
