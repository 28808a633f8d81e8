package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.testing.Gdal;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/**
 * A site sent as a file ({@code POST /api/checks/file}): KML and zipped shapefiles written by GDAL's
 * ogr2ogr (as QGIS/ArcGIS users send them) get the same report as the same site posted as GeoJSON;
 * bad files are a clear 4xx naming the problem. Both stores.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteFileApiTest {
    static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[114.01,32.97],[114.012,32.97],"
            + "[114.012,32.972],[114.01,32.972],[114.01,32.97]]]}";
    static final String SQUARE_2 = "{\"type\":\"Polygon\",\"coordinates\":[[[114.015,32.97],[114.016,32.97],"
            + "[114.016,32.971],[114.015,32.971],[114.015,32.97]]]}";

    @Parameter
    StoreKind kind;

    TestServer server;

    @TempDir
    Path tmp;

    @BeforeParameterizedClassInvocation
    void start(StoreKind kind) {
        server = TestServer.startSeeded(kind, CheckFixtures::load);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> upload(String query, Path file) throws IOException {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/checks/file?filename="
                        + file.getFileName() + (query.isEmpty() ? "" : "&" + query)))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))).build());
    }

    HttpResponse<String> multipart(Path file) throws IOException {
        String boundary = "----site" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/checks/file?category=parks"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    static JsonNode refused(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.path("error").asText()).as(r.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        return body;
    }

    /** A GeoJSON file of the given geometries, then ogr2ogr into {@code driver} in {@code srs}. */
    Path gdalFile(String name, String driver, String srs, String... geometries) throws IOException {
        StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < geometries.length; i++) {
            fc.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"地块").append(i + 1)
                    .append("\"},\"geometry\":").append(geometries[i]).append('}');
        }
        Path src = tmp.resolve(name + "-src.geojson");
        Files.writeString(src, fc.append("]}").toString());
        Path dir = Files.createDirectories(tmp.resolve(name));
        String ext = driver.equals("KML") ? ".kml" : ".shp";
        Path out = dir.resolve(name + ext);
        Gdal.Run run = Gdal.run("ogr2ogr", "-f", driver, "-s_srs", "EPSG:4326", "-t_srs", srs, out.toString(), src.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        if (ext.equals(".kml")) {
            return out;
        }
        Path zip = tmp.resolve(name + ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            try (var parts = Files.list(dir)) {
                for (Path p : parts.sorted().toList()) {
                    z.putNextEntry(new ZipEntry(p.getFileName().toString()));
                    z.write(Files.readAllBytes(p));
                    z.closeEntry();
                }
            }
        }
        return zip;
    }

    JsonNode reference() {
        return ok(server.post("/api/checks?category=parks", "application/json", SQUARE));
    }

    static void assertSameReport(JsonNode fromFile, JsonNode reference) {
        assertThat(fromFile.path("site").path("geometryType").asText()).isEqualTo("Polygon");
        assertThat(fromFile.path("site").path("areaM2").asDouble())
                .isCloseTo(reference.path("site").path("areaM2").asDouble(), within(1.0));
        assertThat(fromFile.path("overall").asText()).isEqualTo(reference.path("overall").asText());
        assertThat(fromFile.path("boundaries").get(0).path("verdict").asText())
                .isEqualTo(reference.path("boundaries").get(0).path("verdict").asText());
        assertThat(fromFile.path("category").asText()).isEqualTo("parks");
        // the site comes back in lon/lat, for the map to draw
        assertThat(fromFile.path("site").path("geometry").path("coordinates").get(0).get(0).get(0).asDouble())
                .isCloseTo(114.01, within(1e-6));
    }

    @Test
    void a_gdal_written_kml_gets_the_report_of_the_same_site_as_geojson() throws IOException {
        Gdal.require();
        JsonNode r = ok(upload("category=parks", gdalFile("site-kml", "KML", "EPSG:4326", SQUARE)));
        assertSameReport(r, reference());
        assertThat(r.path("site").path("inputCrs").asText()).contains("4326");
    }

    @Test
    void a_zipped_shapefile_in_gauss_krueger_zone_38_gets_the_same_report() throws IOException {
        Gdal.require();
        Path zip = gdalFile("site-4547", "ESRI Shapefile", "EPSG:4547", SQUARE);
        JsonNode r = ok(upload("category=parks", zip));
        assertSameReport(r, reference());
        assertThat(r.path("site").path("inputCrs").asText()).contains("4547");
        // the same file as a multipart form part (what the browser sends)
        assertSameReport(ok(multipart(zip)), reference());
    }

    @Test
    void several_polygons_are_one_site() throws IOException {
        Gdal.require();
        JsonNode r = ok(upload("", gdalFile("two", "ESRI Shapefile", "EPSG:4490", SQUARE, SQUARE_2)));
        assertThat(r.path("site").path("geometryType").asText()).isEqualTo("MultiPolygon");
        JsonNode one = ok(server.post("/api/checks", "application/json", SQUARE));
        JsonNode two = ok(server.post("/api/checks", "application/json", SQUARE_2));
        assertThat(r.path("site").path("areaM2").asDouble()).isCloseTo(one.path("site").path("areaM2").asDouble()
                + two.path("site").path("areaM2").asDouble(), within(2.0));
    }

    @Test
    void bad_files_are_a_clear_4xx() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.kml"), new byte[0]);
        refused(upload("", empty), 400, "empty_file");

        Path junk = Files.write(tmp.resolve("junk.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff, 9, 8, 7, 0, 0, 1});
        refused(upload("", junk), 400, "unknown_format");

        Path mixed = Files.writeString(tmp.resolve("mixed.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + SQUARE + "},"
                + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[114.01,32.97]}}]}");
        JsonNode m = refused(upload("", mixed), 400, "mixed_geometry");
        assertThat(m.path("details").path("where").asText()).isEqualTo("feature 2");

        Path nothing = Files.writeString(tmp.resolve("nothing.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
        assertThat(upload("", nothing).statusCode()).isBetween(400, 422);

        Path broken = Files.writeString(tmp.resolve("broken.kml"), "<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\">"
                + "<Document><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>114.01,32.97 114.02,abc"
                + "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>");
        assertThat(upload("", broken).statusCode()).isBetween(400, 422);

        refused(upload("category=castles", squareGeoJson()), 400, "unknown_category");
        refused(upload("crs=EPSG:banana", squareGeoJson()), 400, "invalid_parameter");
        refused(upload("repair=perhaps", squareGeoJson()), 400, "invalid_parameter");
    }

    @Test
    void a_shapefile_without_prj_in_metres_asks_for_its_crs() throws IOException {
        Gdal.require();
        Path zip = gdalFile("noprj", "ESRI Shapefile", "EPSG:4547", SQUARE);
        Path stripped = tmp.resolve("noprj-stripped.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(stripped));
             var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.getName().endsWith(".prj")) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    z.write(in.readAllBytes());
                    z.closeEntry();
                }
            }
        }
        refused(upload("", stripped), 422, "crs_required");
        assertThat(ok(upload("crs=EPSG:4547", stripped)).path("site").path("areaM2").asDouble())
                .isCloseTo(reference().path("site").path("areaM2").asDouble(), within(1.0));
    }

    Path squareGeoJson() throws IOException {
        return Files.writeString(tmp.resolve("square.geojson"), SQUARE);
    }

    @Test
    void a_lone_shp_part_is_named_as_missing_its_partners() throws IOException {
        Gdal.require();
        gdalFile("lone", "ESRI Shapefile", "EPSG:4326", SQUARE);
        Path shp = tmp.resolve("lone").resolve("lone.shp");
        JsonNode r = refused(upload("", shp), 400, "missing_part");
        assertThat(r.path("message").asText()).contains(".shx").contains(".dbf");
    }
}
