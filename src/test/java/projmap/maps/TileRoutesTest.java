package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Geometry;
import projmap.geo.TileCoord;
import projmap.projects.Project;
import projmap.projects.ProjectStore;
import projmap.testing.FixtureCity;
import projmap.testing.Fixtures;
import projmap.testing.Gdal;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneStore;

/** Vector tiles and TileJSON over real HTTP, on both stores, on the fixture city. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TileRoutesTest {
    @Parameter
    StoreKind kind;

    TestServer server;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.startSeeded(kind, FixtureCity::seed);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String path(String layer, TileCoord t) {
        return "/tiles/" + layer + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt";
    }

    static TileCoord at(double lon, double lat, int z) {
        return VectorTileEncoderTest.tileOf(lon, lat, z);
    }

    @Test
    void a_project_tile_is_mvt_with_the_attributes_a_client_styles_by() throws Exception {
        HttpResponse<byte[]> r = server.getBytes(path("projects", at(114.0, 32.95, 12)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(TileRoutes.MVT);
        assertThat(r.headers().firstValue("Cache-Control")).contains(TileRoutes.CACHE_CONTROL);
        JtsLayer layer = VectorTileEncoderTest.decode(r.body(), "projects");
        assertThat(layer.getGeometries()).isNotEmpty();
        for (Geometry g : layer.getGeometries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tags = (Map<String, Object>) g.getUserData();
            assertThat(tags).containsKeys("id", "code", "name", "status", "category");
        }
        assertThat(layer.getGeometries().stream().map(Geometry::getGeometryType).distinct())
                .contains("Point", "LineString", "Polygon");
    }

    @Test
    void every_zone_layer_has_tiles_from_z0_to_z20() throws Exception {
        for (String layer : List.of("central-urban-area", "demonstration-zone", "urban-development-boundary",
                "basic-farmland", "land-use")) {
            double lon = layer.equals("basic-farmland") ? 113.85 : 114.05;
            double lat = layer.equals("basic-farmland") ? 32.82 : 32.95;
            for (int z = 0; z <= 20; z++) {
                HttpResponse<byte[]> r = server.getBytes(path(layer, at(lon, lat, z)));
                if (z < 8) {
                    // the whole city is a few pixels across: features smaller than the grid are dropped
                    assertThat(r.statusCode()).as(layer + " z" + z).isIn(200, 204);
                } else {
                    assertThat(r.statusCode()).as(layer + " z" + z).isEqualTo(200);
                    assertThat(VectorTileEncoderTest.decode(r.body(), layer).getGeometries()).as(layer + " z" + z).isNotEmpty();
                }
            }
        }
    }

    @Test
    void tiles_revalidate_with_their_etag_and_empty_tiles_are_always_204() {
        String p = path("land-use", at(114.0, 32.95, 14));
        HttpResponse<byte[]> first = server.getBytes(p);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = server.getBytes(p, Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        assertThat(again.headers().firstValue("X-Tile-Cache")).contains("hit");
        // far from the city: nothing there, 204 every time, with the same tag
        String empty = path("land-use", at(10.0, 50.0, 14));
        HttpResponse<byte[]> e1 = server.getBytes(empty);
        HttpResponse<byte[]> e2 = server.getBytes(empty);
        assertThat(e1.statusCode()).isEqualTo(204);
        assertThat(e2.statusCode()).isEqualTo(204);
        assertThat(e1.body()).isEmpty();
        assertThat(e1.headers().firstValue("ETag")).isEqualTo(e2.headers().firstValue("ETag"));
    }

    @Test
    void bad_tile_addresses_are_4xx_naming_the_part() {
        assertError(server.get("/tiles/land-use/21/0/0.mvt"), 400, "z/x/y");
        assertError(server.get("/tiles/land-use/2/4/0.mvt"), 400, "z/x/y");
        assertError(server.get("/tiles/land-use/a/0/0.mvt"), 400, "z");
        assertError(server.get("/tiles/nowhere/1/0/0.mvt"), 404, "nowhere");
        assertError(server.get("/tiles/nowhere.json"), 404, "nowhere");
    }

    @Test
    void tilejson_describes_the_layer_and_its_fields() {
        JsonNode j = server.json("/tiles/land-use.json");
        assertThat(j.path("tilejson").asText()).isEqualTo("3.0.0");
        assertThat(j.path("tiles").get(0).asText()).isEqualTo(server.base() + "/tiles/land-use/{z}/{x}/{y}.mvt");
        assertThat(j.path("minzoom").asInt()).isZero();
        assertThat(j.path("maxzoom").asInt()).isEqualTo(20);
        assertThat(j.path("bounds").get(0).asDouble()).isEqualTo(FixtureCity.LON0, org.assertj.core.api.Assertions.within(1e-9));
        JsonNode vl = j.path("vector_layers").get(0);
        assertThat(vl.path("id").asText()).isEqualTo("land-use");
        assertThat(vl.path("fields").has("code")).isTrue();
        assertThat(server.json("/tiles/projects.json").path("vector_layers").get(0).path("fields").has("status")).isTrue();
    }

    @Test
    void the_catalogue_links_every_layer_to_its_tiles_and_tilejson() {
        for (JsonNode layer : server.json("/api/layers")) {
            String tiles = layer.path("urls").path("tiles").asText();
            String tileJson = layer.path("urls").path("tilejson").asText();
            assertThat(tiles).endsWith("/{z}/{x}/{y}.mvt");
            assertThat(server.get(tileJson).statusCode()).as(tileJson).isEqualTo(200);
        }
    }

    @Test
    void an_edited_project_shows_in_its_tiles_at_once_and_other_tiles_stay_cached() throws Exception {
        ProjectStore store = new ProjectStore(server.app().database());
        Project p = store.findByCode("ZMD-T-000").orElseThrow();
        var c = p.geometry().getCentroid();
        TileCoord here = at(c.getX(), c.getY(), 15);
        TileCoord far = at(113.85, 32.82, 15);
        String herePath = path("projects", here);
        String farPath = path("land-use", at(114.0, 32.95, 15));
        String before = server.getBytes(herePath).headers().firstValue("ETag").orElseThrow();
        server.getBytes(farPath);
        assertThat(server.getBytes(herePath).headers().firstValue("X-Tile-Cache")).contains("hit");

        Project renamed = withStatus(p, projmap.projects.ProjectStatus.COMPLETED);
        store.update(p.id(), p.version(), renamed, "test");

        HttpResponse<byte[]> after = server.getBytes(herePath, Map.of("If-None-Match", before));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("X-Tile-Cache")).contains("miss");
        boolean seen = false;
        for (Geometry g : VectorTileEncoderTest.decode(after.body(), "projects").getGeometries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tags = (Map<String, Object>) g.getUserData();
            if (tags.get("code").equals("ZMD-T-000")) {
                assertThat(tags.get("status")).isEqualTo("completed");
                seen = true;
            }
        }
        assertThat(seen).isTrue();
        assertThat(server.getBytes(farPath).headers().firstValue("X-Tile-Cache")).contains("hit");
        // put it back for the other tests
        Project now = store.find(p.id()).orElseThrow();
        store.update(p.id(), now.version(), p, "test");
        assertThat(far).isNotEqualTo(here);
    }

    @Test
    void replacing_a_zone_layer_drops_its_tiles_only() {
        ZoneStore zones = new ZoneStore(server.app().database());
        var layer = zones.layer("demonstration-zone").orElseThrow();
        String p = path("demonstration-zone", at(114.05, 32.95, 13));
        String other = path("central-urban-area", at(114.0, 32.95, 13));
        String before = server.getBytes(p).headers().firstValue("ETag").orElseThrow();
        server.getBytes(other);
        zones.replace(layer, List.of(new ZoneFeature(0, layer.id(), "DZ2", "示范区（调整）", "{}",
                Fixtures.wkt(FixtureCity.box(114.02, 32.92, 114.10, 32.99)))));
        HttpResponse<byte[]> after = server.getBytes(p);
        assertThat(after.headers().firstValue("X-Tile-Cache")).contains("miss");
        assertThat(after.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(before));
        assertThat(server.getBytes(other).headers().firstValue("X-Tile-Cache")).contains("hit");
    }

    @Test
    void gdal_decodes_our_tiles_to_the_right_places() throws Exception {
        Gdal.require();
        TileCoord t = at(114.0, 32.95, 14);
        Path dir = Files.createTempDirectory("mvt-");
        // GDAL georeferences a lone tile from its z/x/y path
        Path file = dir.resolve(t.z() + "/" + t.x() + "/" + t.y() + ".pbf");
        Files.createDirectories(file.getParent());
        Files.write(file, server.getBytes(path("land-use", t)).body());
        Path out = dir.resolve("out.geojson");
        Gdal.Run run = Gdal.run("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326", out.toString(), file.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode fc = TestServer.parse(Files.readString(out));
        assertThat(fc.path("features").size()).isGreaterThan(0);
        for (JsonNode f : fc.path("features")) {
            assertThat(f.path("properties").path("code").asText()).isIn((Object[]) FixtureCity.CODES);
            JsonNode ring = f.path("geometry").path("coordinates").get(0);
            double lon = ring.get(0).get(0).asDouble();
            double lat = ring.get(0).get(1).asDouble();
            // within the tile (plus buffer) and on the land-use grid's area
            assertThat(lon).isBetween(FixtureCity.LON0 - 0.01, FixtureCity.LON0 + 0.21);
            assertThat(lat).isBetween(FixtureCity.LAT0 - 0.01, FixtureCity.LAT0 + 0.21);
        }
    }

    private static Project withStatus(Project p, projmap.projects.ProjectStatus s) {
        return new Project(p.id(), p.code(), p.name(), p.category(), p.district(), p.address(), p.department(), p.leader(),
                p.contactName(), p.contactPhone(), s, p.plannedStart(), p.plannedEnd(), p.actualStart(), p.actualEnd(),
                p.planYear(), p.totalInvestment(), p.annualPlanInvestment(), p.completedInvestment(), p.fundingMode(),
                p.landStatus(), p.landArea(), p.geometry(), p.version(), p.createdAt(), p.createdBy(), p.updatedAt(),
                p.updatedBy());
    }

    private static void assertError(HttpResponse<String> r, int status, String mentions) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(TestServer.parse(r.body()).path("message").asText()).contains(mentions);
    }
}
