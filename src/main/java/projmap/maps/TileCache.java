package projmap.maps;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import projmap.geo.BBox;
import projmap.geo.TileCoord;

/**
 * Encoded tiles in memory, least recently used dropped first once their bytes pass a bound, and
 * dropped at once when a feature they may show changes ({@link #invalidate}).
 *
 * <p>Invalidation is precise to the tile: an edit drops the cached tiles, at every zoom, whose
 * square plus the clip buffer meets the edited feature's old or new box; a whole-layer change
 * drops the layer's tiles. A tile built while an edit committed is not stored (each layer has a
 * generation that every change bumps, and {@link #put} refuses a tile built in an older one), so
 * the cache never keeps a pre-edit tile. Thread-safe (one lock; every operation is short).
 */
final class TileCache {
    record Key(String layer, TileCoord tile) {
    }

    /** An encoded tile (empty bytes for a tile without features) and its quoted entity tag. */
    record Entry(byte[] bytes, String etag) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> tiles = new LinkedHashMap<>(1024, 0.75f, true);
    private final Map<String, Long> generations = new java.util.HashMap<>();
    /** Bumped when anything may have changed; part of every layer's generation. */
    private long epoch;
    private long bytes;
    private long hits;
    private long misses;

    TileCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Entry get(Key key) {
        Entry e = tiles.get(key);
        if (e == null) {
            misses++;
        } else {
            hits++;
        }
        return e;
    }

    /** The layer's generation now; pass it to {@link #put} with the tile built from what was read after. */
    synchronized long generation(String layer) {
        return epoch + generations.getOrDefault(layer, 0L);
    }

    /** Stores a tile unless its layer changed since {@code generation} was read. */
    synchronized void put(Key key, Entry entry, long generation) {
        if (generation != generation(key.layer()) || entry.bytes().length + 64L > maxBytes) {
            return;
        }
        Entry old = tiles.put(key, entry);
        bytes += size(entry) - (old == null ? 0 : size(old));
        Iterator<Entry> it = tiles.values().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= size(it.next());
            it.remove();
        }
    }

    /**
     * Drops the layer's tiles that may show something in {@code lonLatArea} (all of them when
     * null); every tile of every layer when {@code layer} is null.
     */
    synchronized void invalidate(String layer, Envelope lonLatArea) {
        if (layer == null) {
            epoch++;
            tiles.clear();
            bytes = 0;
            return;
        }
        generations.merge(layer, 1L, Long::sum);
        Iterator<Map.Entry<Key, Entry>> it = tiles.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> e = it.next();
            Key k = e.getKey();
            if (k.layer().equals(layer) && (lonLatArea == null || touches(k.tile(), lonLatArea))) {
                bytes -= size(e.getValue());
                it.remove();
            }
        }
    }

    static boolean touches(TileCoord tile, Envelope area) {
        BBox b = tile.lonLatBounds(VectorTileEncoder.queryMargin());
        return area.intersects(b.toEnvelope());
    }

    private static long size(Entry e) {
        return e.bytes().length + 64L;   // + key, entry and map overhead, roughly
    }

    synchronized int size() {
        return tiles.size();
    }

    synchronized boolean contains(Key key) {
        return tiles.containsKey(key);
    }

    synchronized Map<String, Long> stats() {
        return Map.of("tiles", (long) tiles.size(), "bytes", bytes, "maxBytes", maxBytes, "hits", hits, "misses", misses);
    }
}
