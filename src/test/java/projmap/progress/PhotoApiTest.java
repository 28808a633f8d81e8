package projmap.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.auth.AuthFixtureAccess;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/** Photos: only real JPEG/PNG within the limits, re-encoded, thumbnails, EXIF position; both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhotoApiTest {
    @Parameter
    StoreKind kind;

    TestServer server;
    TestSession housing;
    TestSession urban;
    long project;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.start(kind, c -> c.withAdminPassword("admin-test-Pa55word"), AuthFixtureAccess::seed);
        TestSession admin = TestSession.login(server, "admin", "admin-test-Pa55word");
        housing = AuthFixtureAccess.account(server, admin, "housing1", "editor", AuthFixtureAccess.HOUSING);
        urban = AuthFixtureAccess.account(server, admin, "urban1", "editor", AuthFixtureAccess.URBAN);
        for (JsonNode f : server.json("/api/projects").path("features")) {
            if (f.path("properties").path("code").asText().equals("T-001")) {
                project = f.path("id").asLong();
            }
        }
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static byte[] image(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** A JPEG with an EXIF GPS block at 32°58'48"N 114°01'12"E (32.98, 114.02), written by hand. */
    static byte[] jpegWithPosition() throws IOException {
        ByteBuffer tiff = ByteBuffer.allocate(128);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
        tiff.putInt(0);
        tiff.putInt(32).putInt(1).putInt(58).putInt(1).putInt(4800).putInt(100);
        tiff.putInt(114).putInt(1).putInt(1).putInt(1).putInt(1200).putInt(100);
        byte[] jpeg = image("jpeg", 400, 300);
        int app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        int length = 2 + 6 + 128;
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        out.write(tiff.array());
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    HttpResponse<String> upload(TestSession s, byte[] body, String contentType) {
        String caption = java.net.URLEncoder.encode("工地东侧", java.nio.charset.StandardCharsets.UTF_8);
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/projects/" + project + "/photos?caption=" + caption))
                .header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void a_jpeg_with_a_position_is_stored_re_encoded_with_a_thumbnail_and_its_position() throws Exception {
        HttpResponse<String> r = upload(housing, jpegWithPosition(), "image/jpeg");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode photo = TestServer.parse(r.body());
        assertThat(photo.path("mediaType").asText()).isEqualTo("image/jpeg");
        assertThat(photo.path("lat").asDouble()).isCloseTo(32.98, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(photo.path("lon").asDouble()).isCloseTo(114.02, org.assertj.core.data.Offset.offset(1e-6));
        long id = photo.path("id").asLong();

        HttpResponse<byte[]> img = server.getBytes("/api/photos/" + id);
        assertThat(img.statusCode()).isEqualTo(200);
        assertThat(img.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(new String(img.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(server.getBytes("/api/photos/" + id + "/thumbnail").body()));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(PhotoProcessor.THUMB_SIZE);
        assertThat(server.json("/api/projects/" + project + "/photos").get(0).path("caption").isMissingNode()).isFalse();
    }

    @Test
    void a_png_is_accepted_whatever_the_declared_type() throws Exception {
        HttpResponse<String> r = upload(housing, image("png", 50, 40), "application/octet-stream");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(TestServer.parse(r.body()).path("mediaType").asText()).isEqualTo("image/png");
        assertThat(TestServer.parse(r.body()).path("lon").isNull()).isTrue();
    }

    @Test
    void a_webp_is_read_and_kept_as_a_jpeg() {
        // a 1×1 lossless WebP (what a browser's canvas.toBlob('image/webp') makes); a broken one is refused
        byte[] webp = java.util.Base64.getDecoder().decode(TestPhotos.WEBP_1X1);
        HttpResponse<String> r = upload(housing, webp, "image/webp");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(TestServer.parse(r.body()).path("mediaType").asText()).isEqualTo("image/jpeg");
        assertThat(upload(housing, java.util.Arrays.copyOf(webp, 20), "image/webp").statusCode()).isEqualTo(415);
    }

    @Test
    void fake_truncated_oversize_and_foreign_uploads_are_refused_and_nothing_is_stored() throws Exception {
        int before = server.json("/api/projects/" + project + "/photos").size();
        assertThat(upload(housing, "<script>alert(1)</script>".getBytes(), "image/jpeg").statusCode()).isEqualTo(415);
        byte[] jpeg = image("jpeg", 200, 200);
        assertThat(upload(housing, java.util.Arrays.copyOf(jpeg, 40), "image/jpeg").statusCode()).isEqualTo(415);
        byte[] gif = image("gif", 20, 20);
        assertThat(upload(housing, gif, "image/gif").statusCode()).isEqualTo(415);
        byte[] huge = new byte[PhotoProcessor.MAX_BYTES + 10];
        System.arraycopy(jpeg, 0, huge, 0, jpeg.length);
        assertThat(upload(housing, huge, "image/jpeg").statusCode()).isEqualTo(413);
        assertThat(upload(urban, jpeg, "image/jpeg").statusCode()).isEqualTo(403);
        assertThat(server.json("/api/projects/" + project + "/photos").size()).isEqualTo(before);
    }

    @Test
    void a_decompression_bomb_is_refused_from_its_header() {
        assertThat(PhotoProcessor.sniff(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})).isNull();
        // a PNG header claiming 20000 × 20000 pixels
        ByteBuffer png = ByteBuffer.allocate(33);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(new byte[] {'I', 'H', 'D', 'R'})
                .putInt(20000).putInt(20000).put(new byte[] {8, 2, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png.array(), 12, 17);
        png.putInt((int) crc.getValue());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PhotoProcessor.process(png.array()))
                .hasMessageContaining("megapixels");
    }
}
