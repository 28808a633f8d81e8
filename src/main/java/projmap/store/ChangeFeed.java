package projmap.store;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.locationtech.jts.geom.Envelope;

/**
 * Tells whoever keeps derived data (the tile cache) that stored features changed, and where.
 * The stores publish after their transaction commits; subscribers must be quick and must not
 * throw (a failing subscriber is reported to the store's caller, after the commit).
 *
 * <p>One feed per {@link Database}, so every store of one database shares it. On PostGIS the feed
 * is also relayed to every other app instance on the same database ({@link PgChangeRelay}, through
 * {@code LISTEN/NOTIFY}): a change published here reaches this process's subscribers at once and
 * the others' within milliseconds. Thread-safe.
 */
public final class ChangeFeed implements AutoCloseable {
    /** The name under which project changes are published. */
    public static final String PROJECTS = "projects";

    /** Receives one change: the source (a zone layer id, or {@link #PROJECTS}) and the lon/lat area touched. */
    @FunctionalInterface
    public interface Listener {
        /**
         * {@code area} is null when the whole source changed (a layer replaced, a reset);
         * {@code source} is null too when anything may have changed (the relay lost contact with
         * the database for a while and may have missed other instances' changes).
         */
        void changed(String source, Envelope area);
    }

    /** Carries changes to the other instances on the same database. */
    interface Relay extends AutoCloseable {
        void send(String instance, String source, Envelope area);

        /** True while the relay receives the other instances' changes. */
        boolean listening();

        @Override
        void close();
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Tells this instance's own relayed changes from the others'. */
    private final String instance = UUID.randomUUID().toString();
    private volatile Relay relay;

    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    public void publish(String source, Envelope area) {
        deliver(source, area);
        Relay r = relay;
        if (r != null) {
            r.send(instance, source, area);
        }
    }

    /** True when changes made by other instances reach this feed (always, without a relay: there are none). */
    public boolean listening() {
        Relay r = relay;
        return r == null || r.listening();
    }

    String instance() {
        return instance;
    }

    void relayThrough(Relay relay) {
        this.relay = relay;
    }

    /** Hands a change to this process's subscribers only (from this instance or relayed from another). */
    void deliver(String source, Envelope area) {
        for (Listener l : listeners) {
            l.changed(source, area);
        }
    }

    @Override
    public void close() {
        Relay r = relay;
        relay = null;
        if (r != null) {
            r.close();
        }
    }
}
