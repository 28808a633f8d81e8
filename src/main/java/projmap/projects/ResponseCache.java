package projmap.projects;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The last few serialised project lists, by query, valid for one state of the register (its
 * {@link ProjectStore#changeStamp()}): the whole programme is asked for on every page load, and
 * serialising 532 geometries each time is the bulk of the work. The gzip form of each entry is
 * kept too, made once on first request: compressing half a megabyte per request was most of the
 * remaining time and most of the garbage. Thread-safe; bounded in entries.
 */
final class ResponseCache {
    private final int capacity;
    private final Map<ProjectQuery, Entry> entries;
    private String stamp = "";

    ResponseCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ProjectQuery, Entry> eldest) {
                return size() > ResponseCache.this.capacity;
            }
        };
    }

    /** One serialised list; its gzip form is made on first use. */
    static final class Entry {
        private final byte[] body;
        private volatile byte[] gzip;

        Entry(byte[] body) {
            this.body = body;
        }

        byte[] body() {
            return body;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
                try (GZIPOutputStream z = new GZIPOutputStream(out, 64 * 1024)) {
                    z.write(body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                g = out.toByteArray();
                gzip = g;   // two threads may both compress once; same bytes, no lock needed
            }
            return g;
        }
    }

    Entry get(String currentStamp, ProjectQuery query, Supplier<byte[]> compute) {
        synchronized (this) {
            if (!currentStamp.equals(stamp)) {
                entries.clear();
                stamp = currentStamp;
            }
            Entry hit = entries.get(query);
            if (hit != null) {
                return hit;
            }
        }
        Entry entry = new Entry(compute.get());
        synchronized (this) {
            if (currentStamp.equals(stamp)) {
                entries.put(query, entry);
            }
        }
        return entry;
    }
}
