package projmap.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.testing.FixtureCity;
import projmap.testing.Gdal;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/** GDAL's OGC API – Features driver (a real desktop-GIS client) reads our collections, on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OgcGdalTest {
    @Parameter
    StoreKind kind;

    TestServer server;

    @BeforeParameterizedClassInvocation
    void start() {
        Gdal.require();
        server = TestServer.startSeeded(kind, FixtureCity::seed);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    String oapif() {
        return "OAPIF:" + server.base() + "/ogc";
    }

    @Test
    void ogrinfo_lists_every_collection_with_its_feature_count() {
        Gdal.Run run = Gdal.run("ogrinfo", "-ro", "-al", "-so", oapif());
        assertThat(run.exitCode()).as(run.output()).isZero();
        for (JsonNode c : server.json("/ogc/collections").path("collections")) {
            String id = c.path("id").asText();
            assertThat(run.output()).as(run.output()).contains("Layer name: " + id);
        }
        assertThat(run.output()).contains("Feature Count: " + FixtureCity.PROJECTS);
    }

    @Test
    void ogr2ogr_reads_every_project_with_the_attributes_and_geometry_of_the_api() throws Exception {
        Path out = Files.createTempDirectory("oapif-").resolve("projects.geojson");
        Gdal.Run run = Gdal.run("ogr2ogr", "-f", "GeoJSON", out.toString(), oapif(), "projects");
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode gdal = TestServer.parse(Files.readString(out));
        JsonNode api = server.json("/api/projects");
        assertThat(gdal.path("features").size()).isEqualTo(api.path("features").size()).isEqualTo(FixtureCity.PROJECTS);

        Map<Long, JsonNode> byId = new HashMap<>();
        for (JsonNode f : gdal.path("features")) {
            byId.put(f.path("properties").path("id").asLong(), f);
        }
        for (JsonNode expected : api.path("features")) {
            JsonNode actual = byId.get(expected.path("id").asLong());
            assertThat(actual).as("project " + expected.path("id")).isNotNull();
            assertThat(actual.path("geometry")).as("geometry of " + expected.path("id")).isEqualTo(expected.path("geometry"));
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("properties").fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = actual.path("properties").path(e.getKey());
                if (e.getValue().isNull()) {
                    assertThat(v.isNull() || v.isMissingNode()).as(e.getKey()).isTrue();
                } else if (e.getValue().isNumber()) {
                    assertThat(v.asDouble()).as(e.getKey()).isEqualTo(e.getValue().asDouble());
                } else {
                    // GDAL writes dates and date-times in its own form; compare their leading part
                    String want = e.getValue().asText();
                    String got = v.asText().replace('/', '-');
                    if (e.getKey().equals("updatedAt")) {
                        assertThat(got.substring(0, 16).replace(' ', 'T')).as(e.getKey()).isEqualTo(want.substring(0, 16));
                    } else {
                        assertThat(got).as(e.getKey()).isEqualTo(want);
                    }
                }
            }
        }
    }
}
