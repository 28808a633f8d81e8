package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.App;
import projmap.store.Database;
import projmap.testing.FixtureCity;
import projmap.testing.Fixtures;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneStore;

/**
 * The disk tile cache under PROJMAP_HOME/tiles through the running server, on both stores: tiles
 * outlive a restart, and a layer changed while the server was down (a command-line import) is not
 * served from it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class TileDiskCacheTest {
    @Parameter
    StoreKind kind;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void tiles_outlive_a_restart_but_not_a_change_made_while_the_server_was_down() throws Exception {
        String landUse = TileRoutesTest.path("land-use", TileRoutesTest.at(114.0, 32.95, 15));
        String zone = TileRoutesTest.path("demonstration-zone", TileRoutesTest.at(114.05, 32.95, 13));
        String projects = TileRoutesTest.path("projects", TileRoutesTest.at(114.0, 32.95, 12));
        try (TestDatabase testDb = TestDatabase.create(kind)) {
            Database first = testDb.open();
            FixtureCity.seed(first);
            String landUseTag;
            String zoneTag;
            try (App app = App.start(testDb.config().withPort(0), first)) {
                HttpResponse<byte[]> built = get(app, landUse);
                assertThat(header(built, "X-Tile-Cache")).isEqualTo("miss");
                // where an uncached tile's time went
                assertThat(header(built, "Server-Timing")).contains("layer;dur=", "read;dur=", "encode;dur=", "store;dur=");
                landUseTag = header(get(app, landUse), "ETag");
                zoneTag = header(get(app, zone), "ETag");
                get(app, projects);
            }
            assertThat(Files.isDirectory(testDb.home().resolve("tiles").resolve("land-use"))).isTrue();

            // while no server runs: the layer is replaced (as `projmap import zones` would)
            try (Database offline = testDb.open()) {
                ZoneStore zones = new ZoneStore(offline);
                var layer = zones.layer("demonstration-zone").orElseThrow();
                zones.replace(layer, List.of(new ZoneFeature(0, layer.id(), "DZ9", "示范区（离线调整）", "{}",
                        Fixtures.wkt(FixtureCity.box(114.03, 32.93, 114.09, 32.98)))));
            }

            try (App app = App.start(testDb.config().withPort(0), testDb.open())) {
                HttpResponse<byte[]> again = get(app, landUse);
                assertThat(header(again, "X-Tile-Cache")).isEqualTo("disk");
                assertThat(header(again, "ETag")).isEqualTo(landUseTag);
                assertThat(header(get(app, landUse), "X-Tile-Cache")).isEqualTo("hit");
                assertThat(header(get(app, projects), "X-Tile-Cache")).isEqualTo("disk");
                HttpResponse<byte[]> changed = get(app, zone);
                assertThat(header(changed, "X-Tile-Cache")).isEqualTo("miss");
                assertThat(header(changed, "ETag")).isNotEqualTo(zoneTag);
            }
        }
    }

    @Test
    void with_both_caches_switched_off_every_tile_is_built_with_the_same_bytes_and_tag_and_nothing_is_written() throws Exception {
        String landUse = TileRoutesTest.path("land-use", TileRoutesTest.at(114.0, 32.95, 15));
        try (TestDatabase testDb = TestDatabase.create(kind)) {
            Database db = testDb.open();
            FixtureCity.seed(db);
            MapSettings off = new MapSettings(MapSettings.defaults().memoryLayerMaxFeatures(), 0, 0);
            try (App app = App.start(testDb.config().withPort(0).withMaps(off), db)) {
                HttpResponse<byte[]> first = get(app, landUse);
                HttpResponse<byte[]> second = get(app, landUse);
                assertThat(first.statusCode()).isEqualTo(200);
                assertThat(header(first, "X-Tile-Cache")).isEqualTo("miss");
                assertThat(header(second, "X-Tile-Cache")).isEqualTo("miss");
                assertThat(second.body()).isEqualTo(first.body());
                assertThat(header(second, "ETag")).isEqualTo(header(first, "ETag"));
                // a client's copy is still confirmed without sending the tile again
                HttpResponse<byte[]> confirmed = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + app.port() + landUse))
                        .header("If-None-Match", header(first, "ETag")).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(confirmed.statusCode()).isEqualTo(304);
            }
            assertThat(testDb.home().resolve("tiles")).doesNotExist();
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    private HttpResponse<byte[]> get(App app, String path) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isIn(200, 204);
        return r;
    }
}
