package projmap.ogc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole OGC items responses (GeoJSON bytes), least recently used dropped first past a byte bound.
 * The key holds the collection's change stamp, read from the database on every request (a
 * layer's content hash, the register's change stamp), so an edit through any instance makes
 * every older entry unreachable at once: nothing needs to be told. Thread-safe (one lock).
 */
final class ItemsCache {
    /** Default bound: about 300 pages of 1,000 land-use parcels. */
    static final long DEFAULT_BYTES = 128L << 20;

    record Entry(byte[] geojson, String etag) {
    }

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    ItemsCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Entry get(String key) {
        return entries.get(key);
    }

    /** Stores the response under {@code key}; returns the entry with its strong entity tag. */
    Entry put(String key, byte[] geojson) {
        Entry entry = new Entry(geojson, etag(key));
        long size = size(key, entry);
        if (size > maxBytes) {
            return entry;
        }
        synchronized (this) {
            Entry old = entries.put(key, entry);
            bytes += size - (old == null ? 0 : size(key, old));
            Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<String, Entry> e = it.next();
                bytes -= size(e.getKey(), e.getValue());
                it.remove();
            }
        }
        return entry;
    }

    private static long size(String key, Entry e) {
        return e.geojson().length + 2L * key.length() + 96;
    }

    /** Equal keys (same stamp, same request) give equal tags, on every instance. */
    static String etag(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    synchronized Map<String, Long> stats() {
        return Map.of("entries", (long) entries.size(), "bytes", bytes, "maxBytes", maxBytes);
    }
}
