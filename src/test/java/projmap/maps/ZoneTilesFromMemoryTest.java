package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.demo.DemoLoader;
import projmap.geo.BBox;
import projmap.geo.TileCoord;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.testing.Fixtures;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;
import projmap.zones.LayerSnapshot;
import projmap.zones.LayerSnapshots;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * Zone tiles read from the in-memory layer snapshot are the tiles read from the store, byte for
 * byte, on the demo city; a new vintage shows in the next tile; a layer above the memory bound is
 * read from the store. Both stores.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneTilesFromMemoryTest {
    @Parameter
    StoreKind kind;

    TestDatabase testDb;
    Database db;
    ZoneStore zones;
    LayerSnapshots snapshots;
    /** Never holds a layer for maps: every tile read from it comes from the store. */
    LayerSnapshots none;
    TileService tiles;

    @BeforeParameterizedClassInvocation
    void open() {
        testDb = TestDatabase.create(kind);
        db = testDb.open();
        ProjectStore projects = new ProjectStore(db);
        zones = new ZoneStore(db);
        new DemoLoader(db, projects, zones).loadIfEmpty();
        snapshots = new LayerSnapshots(zones).followChanges(db.changes());
        none = new LayerSnapshots(zones, 0);
        tiles = new TileService(projects, zones, snapshots, db.changes(), 1L << 20, null, 0);
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (snapshots != null) {
            snapshots.close();
        }
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    @Test
    void tiles_from_memory_are_byte_identical_to_tiles_from_the_store_at_every_zoom() {
        int compared = 0;
        for (ZoneLayer layer : zones.layers()) {
            snapshots.get(layer);
            BBox b = zones.extent(layer.id()).orElseThrow().bounds();
            if (b == null) {
                continue;
            }
            for (int z : new int[] {8, 11, 12, 13, 14, 15, 16, 17}) {
                for (int i = 0; i <= 5; i++) {
                    for (int j = 0; j <= 5; j++) {
                        double lon = b.minLon() + (b.maxLon() - b.minLon()) * i / 5.0;
                        double lat = b.minLat() + (b.maxLat() - b.minLat()) * j / 5.0;
                        TileCoord t = VectorTileEncoderTest.tileOf(lon, lat, z);
                        ZoneTileSource memory = new ZoneTileSource(zones, snapshots, layer);
                        ZoneTileSource store = new ZoneTileSource(zones, none, layer);
                        byte[] fromMemory = tiles.build(memory, t);
                        byte[] fromStore = tiles.build(store, t);
                        assertThat(memory.readFrom()).isEqualTo("memory");
                        assertThat(store.readFrom()).isEqualTo("store");
                        assertThat(fromMemory).as("%s %s", layer.id(), t).isEqualTo(fromStore);
                        if (fromStore.length > 0) {
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).as("non-empty tiles compared").isGreaterThan(300);
    }

    @Test
    void a_new_vintage_shows_in_the_next_tile_and_is_then_read_into_memory() throws Exception {
        ZoneLayer before = zones.layer("land-use").orElseThrow();
        BBox b = zones.extent(before.id()).orElseThrow().bounds();
        double lon = (b.minLon() + b.maxLon()) / 2;
        double lat = (b.minLat() + b.maxLat()) / 2;
        TileCoord t = VectorTileEncoderTest.tileOf(lon, lat, 15);
        snapshots.get(before);
        TileService.Tile first = tiles.tile(before.id(), t).orElseThrow();
        assertThat(first.timing()).contains("desc=memory");
        assertThat(codes(first.bytes())).doesNotContain("X9");

        List<ZoneFeature> old = zones.features(before.id(), null);
        try {
            // the next vintage: one parcel under the tile's centre, coded X9
            double d = 0.0002;
            zones.replace(new ZoneLayer(before.id(), before.titleZh(), before.titleEn(), before.kind(), "2031", "test", null,
                    null), List.of(new ZoneFeature(0, before.id(), "X9", "新用地", "{}", Fixtures.wkt(
                            "POLYGON ((" + (lon - d) + " " + (lat - d) + ", " + (lon + d) + " " + (lat - d) + ", " + (lon + d) + " "
                                    + (lat + d) + ", " + (lon - d) + " " + (lat + d) + ", " + (lon - d) + " " + (lat - d) + "))"))));
            TileService.Tile next = tiles.tile(before.id(), t).orElseThrow();
            assertThat(codes(next.bytes())).containsExactly("X9");

            // once the new version is in memory, the tile is the same from there
            ZoneLayer after = zones.layer("land-use").orElseThrow();
            Optional<LayerSnapshot> ready = waitReady(snapshots, after);
            assertThat(ready).isPresent();
            assertThat(ready.get().size()).isEqualTo(1);
            ZoneTileSource memory = new ZoneTileSource(zones, snapshots, after);
            assertThat(tiles.build(memory, t)).isEqualTo(next.bytes());
            assertThat(memory.readFrom()).isEqualTo("memory");
        } finally {
            zones.replace(before, old);
        }
    }

    @Test
    void a_layer_above_the_memory_bound_is_served_from_the_store() throws Exception {
        ZoneLayer landUse = zones.layer("land-use").orElseThrow();
        int n = zones.extent(landUse.id()).orElseThrow().features();
        ZoneLayer small = zones.layers().stream().filter(l -> zones.extent(l.id()).orElseThrow().features() < 100)
                .findFirst().orElseThrow();
        try (LayerSnapshots bounded = new LayerSnapshots(zones, 100)) {
            assertThat(bounded.ready(landUse)).isEmpty();
            assertThat(waitReady(bounded, small)).as("a small layer is read into memory").isPresent();
            Thread.sleep(300);   // long enough for the large one to have been looked at in the background
            assertThat(bounded.ready(landUse)).isEmpty();
            assertThat(bounded.size(landUse)).as("never read into memory").isEmpty();
            BBox b = zones.extent(landUse.id()).orElseThrow().bounds();
            TileCoord t = VectorTileEncoderTest.tileOf((b.minLon() + b.maxLon()) / 2, (b.minLat() + b.maxLat()) / 2, 14);
            ZoneTileSource fromBounded = new ZoneTileSource(zones, bounded, landUse);
            byte[] bytes = tiles.build(fromBounded, t);
            assertThat(fromBounded.readFrom()).isEqualTo("store");
            assertThat(bytes).isNotEmpty().isEqualTo(tiles.build(new ZoneTileSource(zones, none, landUse), t));
        }
        assertThat(n).isGreaterThan(100);
    }

    static Optional<LayerSnapshot> waitReady(LayerSnapshots snapshots, ZoneLayer layer) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<LayerSnapshot> s = snapshots.ready(layer);
            if (s.isPresent()) {
                return s;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    private static List<String> codes(byte[] mvt) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        if (mvt.length == 0) {
            return out;
        }
        for (var g : VectorTileEncoderTest.decode(mvt, "land-use").getGeometries()) {
            out.add(String.valueOf(((java.util.Map<?, ?>) g.getUserData()).get("code")));
        }
        return out;
    }
}
