package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import projmap.geo.TileCoord;

/** The disk tile cache on a real folder: precise invalidation, stamps across restarts, the bound. */
class DiskTileCacheTest {
    @TempDir
    Path dir;

    static TileCache.Key key(String layer, double lon, double lat, int z) {
        return new TileCache.Key(layer, VectorTileEncoderTest.tileOf(lon, lat, z));
    }

    static byte[] tile(int n) {
        return new byte[n];
    }

    @Test
    void an_edit_deletes_only_the_tiles_that_show_it_at_every_zoom() {
        DiskTileCache disk = new DiskTileCache(dir, 1 << 20);
        disk.get(key("projects", 114.02, 32.98, 5), () -> "s1");   // first use: stamp written
        for (int z = 0; z <= 20; z++) {
            disk.put(key("projects", 114.02, 32.98, z), tile(10), disk.generation("projects"));
            disk.put(key("projects", 113.80, 32.80, z), tile(10), disk.generation("projects"));
        }
        disk.get(key("land-use", 114.02, 32.98, 15), () -> "h1");
        disk.put(key("land-use", 114.02, 32.98, 15), tile(10), disk.generation("land-use"));

        disk.invalidate("projects", new Envelope(114.0199, 114.0201, 32.9799, 32.9801));

        for (int z = 0; z <= 20; z++) {
            assertThat(disk.get(key("projects", 114.02, 32.98, z), () -> "s2")).as("z%d here", z).isNull();
        }
        // 0.2° away: the same tile up to z7 or so, a different one below
        assertThat(disk.get(key("projects", 113.80, 32.80, 20), () -> "s2")).isNotNull();
        assertThat(disk.get(key("projects", 113.80, 32.80, 12), () -> "s2")).isNotNull();
        assertThat(disk.get(key("projects", 113.80, 32.80, 0), () -> "s2")).isNull();
        assertThat(disk.get(key("land-use", 114.02, 32.98, 15), () -> "h1")).isNotNull();

        disk.invalidate("land-use", null);
        assertThat(disk.get(key("land-use", 114.02, 32.98, 15), () -> "h2")).isNull();
    }

    @Test
    void a_large_edited_area_walks_the_folder_instead_of_probing_every_tile() {
        DiskTileCache disk = new DiskTileCache(dir, 1 << 20);
        disk.get(key("l", 114.0, 33.0, 18), () -> "s");
        TileCache.Key inside = key("l", 114.0, 33.0, 18);
        TileCache.Key outside = key("l", 116.0, 35.0, 18);
        disk.put(inside, tile(5), disk.generation("l"));
        disk.put(outside, tile(5), disk.generation("l"));
        disk.invalidate("l", new Envelope(113.5, 114.5, 32.5, 33.5));   // ~5 million z18 tiles
        assertThat(disk.get(inside, () -> "s")).isNull();
        assertThat(disk.get(outside, () -> "s")).isNotNull();
    }

    @Test
    void a_tile_built_while_its_layer_changed_is_not_written() {
        DiskTileCache disk = new DiskTileCache(dir, 1 << 20);
        TileCache.Key k = key("projects", 114.0, 33.0, 14);
        long before = disk.generation("projects");
        disk.invalidate("projects", new Envelope(114.0, 114.0, 33.0, 33.0));
        disk.put(k, tile(10), before);
        assertThat(disk.get(k, () -> "s")).isNull();
        disk.put(k, tile(10), disk.generation("projects"));
        assertThat(disk.get(k, () -> "s")).hasSize(10);
    }

    @Test
    void tiles_written_behind_the_request_land_on_disk_unless_their_layer_changed_meanwhile() {
        try (DiskTileCache disk = new DiskTileCache(dir, 1 << 20)) {
            TileCache.Key written = key("projects", 114.0, 33.0, 14);
            TileCache.Key stale = key("projects", 114.0, 33.0, 15);
            disk.get(written, () -> "s");
            long before = disk.generation("projects");
            disk.putLater(written, tile(10), before);
            disk.flush();
            assertThat(disk.get(written, () -> "s")).hasSize(10);

            // built before an edit, queued after it: the write must not bring the old tile back
            long beforeEdit = disk.generation("projects");
            disk.invalidate("projects", new Envelope(114.0, 114.0, 33.0, 33.0));
            disk.putLater(stale, tile(10), beforeEdit);
            disk.flush();
            assertThat(disk.get(stale, () -> "s")).isNull();
            assertThat(disk.get(written, () -> "s")).as("dropped by the edit").isNull();

            // a burst larger than the queue: some writes are dropped, none fails, the rest are whole
            for (int x = 0; x < DiskTileCache.WRITE_QUEUE * 4; x++) {
                disk.putLater(new TileCache.Key("projects", new TileCoord(18, 200_000 + x, 100_000)), tile(10),
                        disk.generation("projects"));
            }
            disk.flush();
            assertThat(disk.get(new TileCache.Key("projects", new TileCoord(18, 200_000, 100_000)), () -> "s")).hasSize(10);
        }
        // closing writes what is queued
        try (DiskTileCache disk = new DiskTileCache(dir, 1 << 20)) {
            TileCache.Key k = key("projects", 114.5, 33.5, 16);
            disk.get(k, () -> "s");
            disk.putLater(k, tile(7), disk.generation("projects"));
            disk.close();
            assertThat(disk.get(k, () -> "s")).hasSize(7);
        }
    }

    @Test
    void after_a_restart_a_layer_whose_stamp_changed_is_wiped_and_the_others_are_kept() {
        DiskTileCache first = new DiskTileCache(dir, 1 << 20);
        TileCache.Key zone = key("land-use", 114.0, 33.0, 14);
        TileCache.Key other = key("farmland", 114.0, 33.0, 14);
        first.get(zone, () -> "hash-1");
        first.get(other, () -> "hash-a");
        first.put(zone, tile(7), first.generation("land-use"));
        first.put(other, tile(7), first.generation("farmland"));

        // the server stops; a command-line import replaces land-use; the server starts again
        DiskTileCache second = new DiskTileCache(dir, 1 << 20);
        assertThat(second.stats().get("bytes")).isEqualTo(14);
        assertThat(second.get(zone, () -> "hash-2")).isNull();
        assertThat(second.get(other, () -> "hash-a")).hasSize(7);
        assertThat(second.stats().get("bytes")).isEqualTo(7);
    }

    @Test
    void a_change_heard_while_running_keeps_the_rest_of_the_layer_across_a_restart() {
        DiskTileCache first = new DiskTileCache(dir, 1 << 20);
        TileCache.Key edited = key("projects", 114.0, 33.0, 16);
        TileCache.Key elsewhere = key("projects", 113.5, 32.5, 16);
        first.get(edited, () -> "v1");
        first.put(edited, tile(3), first.generation("projects"));
        first.put(elsewhere, tile(3), first.generation("projects"));
        first.invalidate("projects", new Envelope(114.0, 114.0, 33.0, 33.0));
        assertThat(first.get(elsewhere, () -> "v2")).isNotNull();   // writes the new stamp

        DiskTileCache second = new DiskTileCache(dir, 1 << 20);
        assertThat(second.get(elsewhere, () -> "v2")).hasSize(3);
        assertThat(second.get(edited, () -> "v2")).isNull();
    }

    @Test
    void a_layer_changed_before_its_first_use_in_this_process_is_not_trusted() {
        DiskTileCache first = new DiskTileCache(dir, 1 << 20);
        TileCache.Key k = key("projects", 113.5, 32.5, 16);
        first.get(k, () -> "v1");
        first.put(k, tile(3), first.generation("projects"));
        DiskTileCache second = new DiskTileCache(dir, 1 << 20);
        // a change elsewhere arrives before this process has looked at the layer
        second.invalidate("projects", new Envelope(114.0, 114.0, 33.0, 33.0));
        assertThat(second.get(k, () -> "v1")).isNull();
    }

    @Test
    void past_the_bound_no_tile_is_written_and_every_tile_goes_when_anything_may_have_changed() throws Exception {
        DiskTileCache disk = new DiskTileCache(dir, 100);
        TileCache.Key a = key("l", 114.0, 33.0, 10);
        TileCache.Key b = key("l", 100.0, 30.0, 10);
        disk.get(a, () -> "s");
        disk.put(a, tile(80), disk.generation("l"));
        disk.put(b, tile(80), disk.generation("l"));
        assertThat(disk.get(a, () -> "s")).isNotNull();
        assertThat(disk.get(b, () -> "s")).isNull();
        disk.invalidate(null, null);
        assertThat(disk.get(a, () -> "s")).isNull();
        assertThat(disk.stats().get("bytes")).isZero();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".mvt") || p.toString().endsWith(".tmp"))).isEmpty();
        }
        assertThat(new TileCoord(0, 0, 0)).isNotNull();
    }

    @Test
    void layer_ids_cannot_climb_out_of_the_folder() throws Exception {
        DiskTileCache disk = new DiskTileCache(dir.resolve("tiles"), 1 << 20);
        TileCache.Key k = key("../../etc", 114.0, 33.0, 3);
        disk.get(k, () -> "s");
        disk.put(k, tile(4), disk.generation("../../etc"));
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".mvt"))).allMatch(p -> p.startsWith(dir.resolve("tiles")));
        }
    }
}
