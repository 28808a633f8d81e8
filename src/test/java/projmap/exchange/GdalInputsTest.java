package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/**
 * Files written by GDAL (ogr2ogr, as QGIS and ArcGIS users send them) import into zone layers with
 * the same features: every format, in lon/lat and in CGCS2000 Gauss–Krüger with and without zone
 * prefix, with GBK and UTF-8 DBFs.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GdalInputsTest {
    @Parameter
    StoreKind kind;

    TestServer server;
    ExchangeClient client;

    @TempDir
    Path tmp;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.startSeeded(kind, Seed::projects);
        client = new ExchangeClient(server);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static final String SOURCE = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"DLBM":"0101","DLMC":"水田","MJ":1234.5},
              "geometry":{"type":"Polygon","coordinates":[[[114.00,32.90],[114.01,32.90],[114.01,32.91],[114.00,32.91],[114.00,32.90]]]}},
             {"type":"Feature","properties":{"DLBM":"0103","DLMC":"旱地","MJ":99.0},
              "geometry":{"type":"MultiPolygon","coordinates":[[[[114.02,32.90],[114.03,32.90],[114.03,32.91],[114.02,32.90]]],
                [[[114.04,32.90],[114.05,32.90],[114.05,32.91],[114.04,32.90]]]]}}]}""";

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "ESRI Shapefile, EPSG:4326, ENCODING=UTF-8",
            "ESRI Shapefile, EPSG:4326, ENCODING=CP936",
            "ESRI Shapefile, EPSG:4547, ENCODING=CP936",
            "ESRI Shapefile, EPSG:4526, ENCODING=UTF-8",
            "GPKG, EPSG:4326, ",
            "GPKG, EPSG:4547, ",
            "FlatGeobuf, EPSG:4326, ",
            "FlatGeobuf, EPSG:4547, ",
            "KML, EPSG:4326, ",
            "GeoJSON, EPSG:4547, RFC7946=NO",
            "CSV, EPSG:4326, GEOMETRY=AS_WKT"})
    void a_file_written_by_gdal_imports_with_the_same_features(String driver, String srs, String lco) throws Exception {
        Gdal.require();
        Path src = tmp.resolve("src.geojson");
        Files.writeString(src, SOURCE);
        String ext = switch (driver) {
            case "ESRI Shapefile" -> "shp";
            case "GPKG" -> "gpkg";
            case "FlatGeobuf" -> "fgb";
            case "KML" -> "kml";
            case "CSV" -> "csv";
            default -> "geojson";
        };
        Path dir = Files.createDirectories(tmp.resolve(ext + srs.replace(":", "") + (lco == null ? "" : lco.replace("=", ""))));
        Path out = dir.resolve("landuse." + ext);
        if (lco == null || lco.isBlank()) {
            Gdal.ogr2ogr("-f", driver, "-t_srs", srs, out.toString(), src.toString());
        } else {
            Gdal.ogr2ogr("-f", driver, "-t_srs", srs, "-lco", lco, out.toString(), src.toString());
        }
        Path upload = out;
        if (ext.equals("shp")) {
            upload = dir.resolve("landuse.zip");
            try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(upload))) {
                for (String e : new String[] {"shp", "shx", "dbf", "prj", "cpg"}) {
                    Path p = dir.resolve("landuse." + e);
                    if (Files.exists(p)) {
                        z.putNextEntry(new java.util.zip.ZipEntry("landuse/landuse." + e));
                        Files.copy(p, z);
                        z.closeEntry();
                    }
                }
            }
        }
        String layer = "gdal-" + Math.abs((driver + srs + lco).hashCode());
        JsonNode r = ExchangeApiTest.json(client.postFile("/api/import/zones/" + layer + "?kind=zoning&title=GDAL", upload), 200);
        assertThat(r.path("created").asInt()).isEqualTo(2);
        if (!srs.equals("EPSG:4326") && !ext.equals("geojson")) {
            assertThat(r.path("crs").asText()).contains(srs.substring(5));
        }
        JsonNode features = server.json("/api/zones/" + layer).path("features");
        assertThat(features).hasSize(2);
        // FlatGeobuf with GDAL's spatial index stores features in Hilbert order: find the first by its code
        JsonNode firstFeature = features.get(0);
        for (JsonNode f : features) {
            if (f.path("properties").path("code").asText().equals("0101")) {
                firstFeature = f;
            }
        }
        JsonNode first = firstFeature.path("properties");
        if (!ext.equals("kml")) {
            assertThat(first.path("code").asText()).isEqualTo("0101");
            assertThat(first.path("name").asText()).isEqualTo("水田");
            assertThat(first.path("MJ").asDouble()).isEqualTo(1234.5);
        }
        JsonNode ring = firstFeature.path("geometry").path("coordinates");
        JsonNode firstPosition = ring.path(0).path(0).isArray() && ring.path(0).path(0).path(0).isArray()
                ? ring.path(0).path(0).path(0) : ring.path(0).path(0);
        assertThat(firstPosition.get(0).asDouble()).isCloseTo(114.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void a_gdal_shapefile_in_gauss_krueger_without_prj_needs_crs_and_then_imports() throws Exception {
        Gdal.require();
        Path src = tmp.resolve("noprj.geojson");
        Files.writeString(src, SOURCE);
        Path out = tmp.resolve("noprj.shp");
        Gdal.ogr2ogr("-f", "ESRI Shapefile", "-t_srs", "EPSG:4526", out.toString(), src.toString());
        Path zip = tmp.resolve("noprj.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String e : new String[] {"shp", "shx", "dbf"}) {
                z.putNextEntry(new java.util.zip.ZipEntry("noprj." + e));
                Files.copy(tmp.resolve("noprj." + e), z);
                z.closeEntry();
            }
        }
        JsonNode refused = ExchangeApiTest.json(client.postFile("/api/import/zones/noprj?kind=zoning&title=x", zip), 422);
        assertThat(refused.path("message").asText()).contains("EPSG:4526");
        JsonNode ok = ExchangeApiTest.json(client.postFile("/api/import/zones/noprj?kind=zoning&title=x&crs=EPSG:4526", zip), 200);
        assertThat(ok.path("created").asInt()).isEqualTo(2);
    }
}
