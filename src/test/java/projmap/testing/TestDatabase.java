package projmap.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import projmap.Config;
import projmap.store.Database;

/**
 * A real, empty store for one test suite: an H2GIS file in a temporary folder, or a throw-away
 * schema in the PostGIS database named by {@code PROJMAP_TEST_DB_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/projmap_test}, user {@code postgres}).
 *
 * <p>When PostGIS cannot be reached the PostGIS suites are skipped loudly — unless
 * {@code PROJMAP_REQUIRE_POSTGIS=true} (as in CI), where they fail.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String PG_URL = env("PROJMAP_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/projmap_test");
    public static final String PG_USER = env("PROJMAP_TEST_DB_USER", "postgres");
    public static final String PG_PASSWORD = env("PROJMAP_TEST_DB_PASSWORD", "");
    public static final boolean POSTGIS_REQUIRED = Boolean.parseBoolean(env("PROJMAP_REQUIRE_POSTGIS", "false"));

    private final StoreKind kind;
    private final Config config;
    private final String schema;
    private final Path home;

    private TestDatabase(StoreKind kind, Config config, String schema, Path home) {
        this.kind = kind;
        this.config = config;
        this.schema = schema;
        this.home = home;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Prepares an empty store of the given kind (not yet opened). */
    public static TestDatabase create(StoreKind kind) {
        java.util.Objects.requireNonNull(kind, "store kind (inject it before @BeforeParameterizedClassInvocation runs)");
        try {
            Path home = Files.createTempDirectory("projmap-test-");
            Config config = Config.embedded(home);
            if (kind == StoreKind.H2GIS) {
                return new TestDatabase(kind, config, null, home);
            }
            requirePostgis();
            String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            return new TestDatabase(kind, config.withDatabase(PG_URL, PG_USER, PG_PASSWORD), schema, home);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requirePostgis() {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "PostGIS is not reachable at " + PG_URL + " (" + e.getMessage().lines().findFirst().orElse("")
                    + ") — the PostGIS suite is SKIPPED; run .ci/run, or set PROJMAP_TEST_DB_URL";
            if (POSTGIS_REQUIRED) {
                throw new AssertionError("PROJMAP_REQUIRE_POSTGIS=true but " + message, e);
            }
            SkippedSuites.record(message);
            Assumptions.abort(message);
        }
    }

    /** Opens (and migrates) the store. */
    public Database open() {
        return Database.open(config, schema);
    }

    public Config config() {
        return config;
    }

    public StoreKind kind() {
        return kind;
    }

    public String schema() {
        return schema;
    }

    public Path home() {
        return home;
    }

    /** Drops the PostGIS schema (the H2GIS file goes with the temporary folder). */
    @Override
    public void close() {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
                 Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                // a leftover schema in a throw-away test database harms nothing
            }
        }
    }
}
