package projmap.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.locationtech.jts.geom.Envelope;

/**
 * Tells whoever keeps derived data (the tile cache) that stored features changed, and where.
 * The stores publish after their transaction commits; subscribers must be quick and must not
 * throw (a failing subscriber is reported to the store's caller, after the commit).
 *
 * <p>One feed per {@link Database}, so every store of one database shares it. Within one process
 * only: several app instances on one PostGIS would relay these through {@code LISTEN/NOTIFY}.
 * Thread-safe.
 */
public final class ChangeFeed {
    /** The name under which project changes are published. */
    public static final String PROJECTS = "projects";

    /** Receives one change: the source (a zone layer id, or {@link #PROJECTS}) and the lon/lat area touched. */
    @FunctionalInterface
    public interface Listener {
        /** {@code area} is null when the whole source changed (a layer replaced, a reset). */
        void changed(String source, Envelope area);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    public void publish(String source, Envelope area) {
        for (Listener l : listeners) {
            l.changed(source, area);
        }
    }
}
