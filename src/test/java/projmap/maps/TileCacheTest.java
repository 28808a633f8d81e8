package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import projmap.geo.TileCoord;

class TileCacheTest {
    static TileCache.Key key(String layer, int z, int x, int y) {
        return new TileCache.Key(layer, new TileCoord(z, x, y));
    }

    static TileCache.Entry entry(int size) {
        return new TileCache.Entry(new byte[size], "\"e\"");
    }

    @Test
    void an_edit_drops_only_the_tiles_that_show_it_at_every_zoom() {
        TileCache cache = new TileCache(1 << 20);
        TileCache.Key here14 = VectorTileEncoderTestKeys.at("projects", 114.02, 32.98, 14);
        TileCache.Key here10 = VectorTileEncoderTestKeys.at("projects", 114.02, 32.98, 10);
        TileCache.Key elsewhere = VectorTileEncoderTestKeys.at("projects", 114.30, 32.70, 14);
        TileCache.Key otherLayer = VectorTileEncoderTestKeys.at("land-use", 114.02, 32.98, 14);
        for (TileCache.Key k : new TileCache.Key[] {here14, here10, elsewhere, otherLayer}) {
            cache.put(k, entry(10), cache.generation(k.layer()));
        }
        cache.invalidate("projects", new Envelope(114.0199, 114.0201, 32.9799, 32.9801));
        assertThat(cache.contains(here14)).isFalse();
        assertThat(cache.contains(here10)).isFalse();
        assertThat(cache.contains(elsewhere)).isTrue();
        assertThat(cache.contains(otherLayer)).isTrue();
        cache.invalidate("land-use", null);
        assertThat(cache.contains(otherLayer)).isFalse();
        assertThat(cache.contains(elsewhere)).isTrue();
    }

    @Test
    void when_anything_may_have_changed_every_tile_goes_and_none_built_before_is_kept() {
        TileCache cache = new TileCache(1 << 20);
        TileCache.Key p = key("projects", 3, 1, 1);
        TileCache.Key z = key("land-use", 3, 1, 1);
        cache.put(p, entry(10), cache.generation("projects"));
        long before = cache.generation("land-use");
        cache.invalidate(null, null);   // the change relay reconnected: changes may have been missed
        assertThat(cache.contains(p)).isFalse();
        assertThat(cache.stats().get("bytes")).isZero();
        cache.put(z, entry(10), before);
        assertThat(cache.contains(z)).isFalse();
    }

    @Test
    void a_tile_built_while_its_layer_changed_is_not_kept() {
        TileCache cache = new TileCache(1 << 20);
        TileCache.Key k = key("projects", 3, 1, 1);
        long before = cache.generation("projects");
        cache.invalidate("projects", new Envelope(0, 1, 0, 1));   // an edit commits meanwhile
        cache.put(k, entry(10), before);
        assertThat(cache.contains(k)).isFalse();
        cache.put(k, entry(10), cache.generation("projects"));
        assertThat(cache.contains(k)).isTrue();
    }

    @Test
    void the_least_recently_used_tiles_go_first_when_the_bound_is_reached() {
        TileCache cache = new TileCache(3 * (1000 + 64));
        cache.put(key("l", 5, 0, 0), entry(1000), 0);
        cache.put(key("l", 5, 0, 1), entry(1000), 0);
        cache.put(key("l", 5, 0, 2), entry(1000), 0);
        cache.get(key("l", 5, 0, 0));
        cache.put(key("l", 5, 0, 3), entry(1000), 0);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.contains(key("l", 5, 0, 0))).isTrue();
        assertThat(cache.contains(key("l", 5, 0, 1))).isFalse();
    }
}

final class VectorTileEncoderTestKeys {
    private VectorTileEncoderTestKeys() {
    }

    static TileCache.Key at(String layer, double lon, double lat, int z) {
        return new TileCache.Key(layer, VectorTileEncoderTest.tileOf(lon, lat, z));
    }
}
