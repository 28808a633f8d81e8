package projmap.projects;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few serialised project lists, by query, valid for one state of the register (its
 * {@link ProjectStore#changeStamp()}): the whole programme is asked for on every page load, and
 * serialising 532 geometries each time is the bulk of the work. Thread-safe; bounded in entries.
 */
final class ResponseCache {
    private final int capacity;
    private final Map<ProjectQuery, byte[]> entries;
    private String stamp = "";

    ResponseCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ProjectQuery, byte[]> eldest) {
                return size() > ResponseCache.this.capacity;
            }
        };
    }

    byte[] get(String currentStamp, ProjectQuery query, Supplier<byte[]> compute) {
        synchronized (this) {
            if (!currentStamp.equals(stamp)) {
                entries.clear();
                stamp = currentStamp;
            }
            byte[] hit = entries.get(query);
            if (hit != null) {
                return hit;
            }
        }
        byte[] body = compute.get();
        synchronized (this) {
            if (currentStamp.equals(stamp)) {
                entries.put(query, body);
            }
        }
        return body;
    }
}
