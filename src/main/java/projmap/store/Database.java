package projmap.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2gis.functions.factory.H2GISFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.Config;

/**
 * The connection pool of one store, H2GIS or PostGIS, with its schema brought up to date.
 *
 * <p>Opening migrates the schema with Flyway (one migration history per dialect, the same logical
 * schema). Work runs through {@link #read} or {@link #inTransaction}; a connection that cannot be
 * had becomes a {@link StoreUnavailableException} (HTTP 503), and the pool reconnects by itself
 * once the database is back. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final ChangeFeed changes = new ChangeFeed();
    /**
     * What to do once the transaction on each connection that {@link #inTransaction} runs has
     * committed (keyed by the pool's connection handle, which is new for every borrow).
     */
    private final Map<Connection, List<Runnable>> afterCommit = Collections.synchronizedMap(new IdentityHashMap<>());

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** Opens the store the configuration names: PostGIS when a URL is set, else H2GIS under home. */
    public static Database open(Config config) {
        return open(config, null);
    }

    /**
     * As {@link #open(Config)}, for a command-line import or export: it holds one
     * transaction at a time, so its pool opens one connection and at most three, where the
     * server's keeps ten open — each a PostgreSQL backend, which a command opened one after
     * another while its import ran.
     */
    public static Database openForCommand(Config config) {
        return open(config, null, 3, 1);
    }

    /**
     * Opens the store, on PostGIS inside {@code schema} when it is not null (tests use a throw-away
     * schema per suite so that they can run side by side on one database).
     */
    public static Database open(Config config, String schema) {
        return open(config, schema, 10, 10);
    }

    private static Database open(Config config, String schema, int poolSize, int idleConnections) {
        HikariConfig hikari = new HikariConfig();
        Dialect dialect;
        if (config.embeddedStore()) {
            dialect = Dialect.H2GIS;
            Path dir = config.home().toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create PROJMAP_HOME " + dir, e);
            }
            // one process owns the file; DB_CLOSE_ON_EXIT off so that close() decides
            hikari.setJdbcUrl("jdbc:h2:file:" + dir.resolve("projmap") + ";DB_CLOSE_ON_EXIT=FALSE");
            hikari.setUsername("sa");
            hikari.setPassword("");
        } else {
            dialect = Dialect.POSTGIS;
            String url = config.dbUrl().orElseThrow();
            if (schema != null) {
                url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
            }
            hikari.setJdbcUrl(url);
            if (!config.dbUser().isEmpty()) {
                hikari.setUsername(config.dbUser());
            }
            if (!config.dbPassword().isEmpty()) {
                hikari.setPassword(config.dbPassword());
            }
        }
        hikari.setPoolName("projmap-" + dialect.storeName());
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(idleConnections);
        // PostGIS: fail fast while the database is away (503 in ~3 s instead of hanging); the
        // embedded store cannot be away, only busy, so it may wait longer
        hikari.setConnectionTimeout(dialect == Dialect.POSTGIS ? 3_000 : 15_000);
        hikari.setValidationTimeout(1_000);
        // start even when PostGIS is down at first; the migration below reports it clearly
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(hikari);
        Database database = new Database(pool, dialect);
        try {
            database.migrate(schema);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        if (dialect == Dialect.POSTGIS) {
            // other instances on this database learn of our edits, and we of theirs (tile caches)
            PgChangeRelay.start(database.changes, pool, hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword(),
                    schema == null ? "projmap_changes" : "projmap_changes_" + schema.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        }
        return database;
    }

    private void migrate(String schema) {
        if (dialect == Dialect.POSTGIS && schema != null) {
            execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        if (read(c -> SchemaVersion.upToDate(c, dialect.migrations(), schema))) {
            LOG.debug("{} schema holds every bundled migration: Flyway not needed", dialect.storeName());
        } else {
            runFlyway(schema);
        }
        if (dialect == Dialect.H2GIS) {
            // after the migrations: H2GIS adds its own tables to the schema, which Flyway would
            // take for a foreign schema on a fresh file. Migrations use plain H2 SQL only.
            loadH2gisFunctions();
        }
    }

    private void runFlyway(String schema) {
        var flyway = Flyway.configure()
                .dataSource(pool)
                .locations(dialect.migrations())
                .failOnMissingLocations(true);
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        var result = flyway.load().migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("{} schema migrated to version {}", dialect.storeName(), result.targetSchemaVersion);
        }
    }

    /** Registers the H2GIS spatial functions once per database file (they persist as aliases). */
    private void loadH2gisFunctions() {
        read(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_NAME = 'ST_GEOMFROMWKB'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    H2GISFunctions.load(connection);
                }
            }
            return null;
        });
    }

    private void execute(String sql) {
        read(connection -> {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Where the stores of this database announce committed feature changes. */
    public ChangeFeed changes() {
        return changes;
    }

    /** Runs read-only work on a pooled connection in auto-commit mode. */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = connection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Runs work in one transaction: all of it is committed, or none of it. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            List<Runnable> committed = new ArrayList<>();
            afterCommit.put(connection, committed);
            try {
                T result = work.run(connection);
                connection.commit();
                afterCommit.remove(connection);
                committed.forEach(Runnable::run);
                return result;
            } catch (SQLException | RuntimeException e) {
                if (afterCommit.remove(connection) != null) {
                    rollbackQuietly(connection, e);
                }
                throw e;
            } finally {
                afterCommit.remove(connection);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * Runs {@code action} once the work on {@code connection} is committed: at the end of the
     * {@link #inTransaction} that lent it (never when it rolls back), or at once in auto-commit
     * mode. Stores announce changes this way, so that no one rebuilds derived data (a tile) from
     * rows that are not yet visible to others.
     *
     * @throws IllegalStateException for a connection in a transaction this database does not run
     */
    public void afterCommit(Connection connection, Runnable action) throws SQLException {
        List<Runnable> pending = afterCommit.get(connection);
        if (pending != null) {
            pending.add(action);
        } else if (connection.getAutoCommit()) {
            action.run();
        } else {
            throw new IllegalStateException("a change on a transaction not run by Database.inTransaction: "
                    + "nobody would announce it after the commit");
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** True when a trivial query answers within a second. */
    public boolean isReachable() {
        try (Connection connection = connection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Connection losses become 503s; everything else is a bug or a constraint and stays a 500. */
    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        boolean connectionLost = e instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")));
        if (connectionLost) {
            return new StoreUnavailableException("the database cannot be reached: " + e.getMessage(), e);
        }
        return new StoreException(e);
    }

    @Override
    public void close() {
        changes.close();
        pool.close();
    }
}
