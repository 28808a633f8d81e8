package projmap.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a {@link ChangeFeed} between app instances on one PostgreSQL database with
 * {@code LISTEN/NOTIFY}, so that an edit made through one instance drops the cached tiles of all.
 *
 * <p>Sending is one {@code SELECT pg_notify(…)} on a pooled connection after the change committed.
 * Receiving holds one connection of its own (outside the pool, which recycles connections) on a
 * daemon thread that waits for notifications. The payload is {@code instance|box|source}, box
 * {@code minLon,minLat,maxLon,maxLat} or {@code *} for the whole source; an instance ignores its
 * own. When the listening connection is lost the thread reconnects every second, and on getting
 * back it tells its subscribers that anything may have changed (source null), since NOTIFYs sent
 * while it was away are gone. Thread-safe.
 */
final class PgChangeRelay implements ChangeFeed.Relay {
    private static final Logger LOG = LoggerFactory.getLogger(PgChangeRelay.class);
    /**
     * How long one wait for notifications blocks (a notification ends the wait when it comes, and
     * {@link #close} ends it by aborting the connection, so this only paces the loop).
     */
    static final int POLL_MILLIS = 5_000;

    private final ChangeFeed feed;
    private final DataSource pool;
    private final String url;
    private final Properties login;
    private final String channel;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean listening;
    private volatile Connection current;
    private boolean wasConnected;

    private PgChangeRelay(ChangeFeed feed, DataSource pool, String url, Properties login, String channel) {
        this.feed = feed;
        this.pool = pool;
        this.url = url;
        this.login = login;
        this.channel = channel;
        this.thread = new Thread(this::listen, "projmap-change-relay");
        this.thread.setDaemon(true);
    }

    /**
     * Starts relaying {@code feed} on {@code channel} (a plain lower-case identifier; one per
     * database schema, so that test schemas side by side do not hear each other).
     */
    static PgChangeRelay start(ChangeFeed feed, DataSource pool, String url, String user, String password, String channel) {
        if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("channel must be a plain identifier: " + channel);
        }
        Properties login = new Properties();
        if (user != null) {
            login.setProperty("user", user);
        }
        if (password != null) {
            login.setProperty("password", password);
        }
        PgChangeRelay relay = new PgChangeRelay(feed, pool, url, login, channel);
        feed.relayThrough(relay);
        relay.thread.start();
        return relay;
    }

    static String payload(String instance, String source, Envelope area) {
        String box = area == null || area.isNull() ? "*"
                : String.format(Locale.ROOT, "%s,%s,%s,%s", area.getMinX(), area.getMinY(), area.getMaxX(), area.getMaxY());
        return instance + "|" + box + "|" + source;
    }

    @Override
    public void send(String instance, String source, Envelope area) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, payload(instance, source, area));
            ps.execute();
        } catch (SQLException e) {
            // the change is committed and this instance's caches already know; the others miss it
            // until their own relay reconnects (which then drops everything)
            LOG.warn("could not relay a change of {} to other instances: {}", source, e.getMessage());
        }
    }

    @Override
    public boolean listening() {
        return listening;
    }

    private void listen() {
        wasConnected = false;
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, login)) {
                current = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + channel);
                }
                if (wasConnected) {
                    LOG.info("change relay listening again; dropping derived data that may have missed changes");
                    feed.deliver(null, null);
                }
                wasConnected = true;
                listening = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] received = pg.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification n : received) {
                            receive(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    if (listening || !wasConnected) {
                        LOG.warn("change relay cannot listen ({}); retrying every second", e.getMessage());
                    }
                    listening = false;
                    sleep();
                }
            } finally {
                listening = false;
                current = null;
            }
        }
    }

    private void receive(String payload) {
        String[] parts = payload.split("\\|", 3);
        if (parts.length != 3 || parts[0].equals(feed.instance())) {
            return;
        }
        Envelope area = null;
        if (!parts[1].equals("*")) {
            String[] n = parts[1].split(",");
            if (n.length != 4) {
                return;
            }
            try {
                area = new Envelope(Double.parseDouble(n[0]), Double.parseDouble(n[2]),
                        Double.parseDouble(n[1]), Double.parseDouble(n[3]));
            } catch (NumberFormatException e) {
                return;
            }
        }
        feed.deliver(parts[2], area);
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops listening at once: the listening connection is aborted, which ends the thread's wait
     * for notifications there and then. (Waiting for the wait to time out made every command-line
     * import or export, and every test's store, take up to {@link #POLL_MILLIS} longer to close.)
     */
    @Override
    public void close() {
        closed = true;
        Connection c = current;
        if (c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // closing is all we wanted; the join below waits for the poll to end instead
            }
        }
        try {
            thread.join(POLL_MILLIS + 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
