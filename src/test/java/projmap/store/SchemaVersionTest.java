package projmap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;

/**
 * A restart skips Flyway only when the store holds exactly the bundled migrations; any difference
 * hands the schema back to Flyway — on both stores.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaVersionTest {
    @Parameter
    StoreKind kind;

    @Test
    void the_bundled_migrations_are_found_in_the_build() {
        Dialect dialect = kind == StoreKind.H2GIS ? Dialect.H2GIS : Dialect.POSTGIS;
        assertThat(SchemaVersion.bundled(dialect.migrations())).contains("1", "2", "2.1", "3");
    }

    @Test
    void a_current_store_is_up_to_date_and_any_difference_is_not() throws Exception {
        try (TestDatabase testDb = TestDatabase.create(kind); Database db = testDb.open()) {
            String location = db.dialect().migrations();
            String schema = testDb.schema();
            boolean current = db.read(c -> SchemaVersion.upToDate(c, location, schema));
            assertThat(current).isTrue();

            // a second open of the same store (no Flyway) works and sees the same schema
            try (Database again = testDb.open()) {
                java.util.Set<String> applied = again.read(c -> SchemaVersion.applied(c, schema));
                assertThat(applied).isEqualTo(SchemaVersion.bundled(location));
            }

            // a version this build does not bring: not up to date; Flyway runs and ignores a future version
            db.read(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                            + " \"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\")"
                            + " VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test',"
                            + " CURRENT_TIMESTAMP, 0, TRUE)");
                }
                return null;
            });
            boolean afterFuture = db.read(c -> SchemaVersion.upToDate(c, location, schema));
            assertThat(afterFuture).isFalse();

            // the newest migration missing from the history: Flyway runs it again, and it fails on the
            // tables it finds — proof that a difference reaches Flyway and is not skipped
            String newest = SchemaVersion.bundled(location).stream()
                    .max(java.util.Comparator.comparing(v -> new java.math.BigDecimal(v.contains(".") ? v : v + ".0"))).orElseThrow();
            db.read(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('999', '" + newest + "')");
                }
                return null;
            });
            boolean afterMissing = db.read(c -> SchemaVersion.upToDate(c, location, schema));
            assertThat(afterMissing).isFalse();
            assertThatThrownBy(testDb::open).hasMessageContaining(newest);
        }
    }

    @Test
    void a_new_store_is_not_up_to_date() throws Exception {
        try (TestDatabase testDb = TestDatabase.create(kind); Database db = testDb.open()) {
            String empty = (kind == StoreKind.H2GIS ? "EMPTY" : testDb.schema() + "_empty");
            db.read(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE SCHEMA " + empty);
                }
                return null;
            });
            try {
                java.util.Set<String> none = db.read(c -> SchemaVersion.applied(c, empty));
                assertThat(none).isNull();
            } finally {
                db.read(c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("DROP SCHEMA " + empty + (kind == StoreKind.H2GIS ? "" : " CASCADE"));
                    }
                    return null;
                });
            }
        }
    }
}
