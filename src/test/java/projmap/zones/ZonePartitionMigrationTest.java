package projmap.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import projmap.store.Database;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;

/**
 * Migration V11 on a store that already holds zone features: zone_features becomes partitioned by
 * layer, the rows keep their ids (a big layer's in a partition of its own, the others' in the
 * default one), and new ids go on where the old sequence stood. PostGIS only:
 * H2 has no partitions, and its schema has no V11.
 */
class ZonePartitionMigrationTest {
    @Test
    void existing_features_move_into_the_default_partition_keeping_their_ids() throws Exception {
        try (TestDatabase testDb = TestDatabase.create(StoreKind.POSTGIS)) {
            String url = TestDatabase.PG_URL + (TestDatabase.PG_URL.contains("?") ? "&" : "?") + "currentSchema="
                    + testDb.schema() + ",public";
            try (Connection c = DriverManager.getConnection(url, TestDatabase.PG_USER, TestDatabase.PG_PASSWORD);
                 Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + testDb.schema());
                Flyway.configure().dataSource(url, TestDatabase.PG_USER, TestDatabase.PG_PASSWORD)
                        .locations("classpath:db/migration/postgis").schemas(testDb.schema())
                        .defaultSchema(testDb.schema()).target("10").load().migrate();
                st.execute("INSERT INTO zone_layers (id, title_zh, title_en, kind, updated_at) VALUES"
                        + " ('a', 'A', 'A', 'zoning', now()), ('b', 'B', 'B', 'zoning', now()), ('big', 'C', 'C', 'zoning', now())");
                st.execute("INSERT INTO zone_features (layer_id, code, geom) VALUES ('a', 'a1', 'SRID=4326;POINT (114 33)'),"
                        + " ('b', 'b1', 'SRID=4326;POINT (114.1 33)'), ('a', 'a2', 'SRID=4326;POINT (114.2 33)'),"
                        + " ('b', 'b2', 'SRID=4326;POINT (114.3 33)'), ('b', 'b3', 'SRID=4326;POINT (114.4 33)')");
                st.execute("DELETE FROM zone_features WHERE code = 'b3'");
                // a layer as big as a bulk import makes (ids 6–20005); its last row deleted: the
                // sequence stands past the largest id
                st.execute("INSERT INTO zone_features (layer_id, code, geom) SELECT 'big', 'c' || i,"
                        + " ST_MakeEnvelope(114 + i * 0.0001, 33, 114.0001 + i * 0.0001, 33.0001, 4326) FROM generate_series(1, 20001) i");
                st.execute("DELETE FROM zone_features WHERE code = 'c20001'");
            }

            try (Database db = testDb.open()) {
                db.inTransaction(c -> {
                    try (Statement st = c.createStatement()) {
                        assertThat(rows(st, "SELECT id || ' ' || layer_id || ' ' || code FROM zone_features_default ORDER BY id"))
                                .containsExactly("1 a a1", "2 b b1", "3 a a2", "4 b b2");
                        assertThat(rows(st, "SELECT relkind::text FROM pg_class WHERE oid = 'zone_features'::regclass"))
                                .containsExactly("p");
                        assertThat(ZonePartitions.of(c, "big")).as("the big layer in a partition of its own").contains("za_big");
                        assertThat(rows(st, "SELECT COUNT(*) || ' ' || MIN(id) || ' ' || MAX(id) FROM za_big"))
                                .containsExactly("20000 6 20005");
                        assertThat(rows(st, "SELECT COUNT(*)::text FROM zone_features_default WHERE layer_id = 'big'"))
                                .containsExactly("0");
                        assertThat(rows(st, "SELECT pg_get_indexdef(indexrelid) FROM pg_index"
                                + " WHERE indrelid = 'zone_features'::regclass ORDER BY 1")).hasSize(2)
                                .anyMatch(d -> d.contains("UNIQUE INDEX zone_features_pkey") && d.endsWith("(layer_id, id)"))
                                .anyMatch(d -> d.contains("zone_features_geom_idx") && d.contains("USING gist (geom)"));
                        assertThat(rows(st, "SELECT to_regclass('zone_features_v10')::text")).containsExactly((String) null);
                        assertThat(rows(st, "SELECT pg_get_serial_sequence('zone_features', 'id')"))
                                .containsExactly(testDb.schema() + ".zone_features_id_seq");

                        st.execute("INSERT INTO zone_features (layer_id, code, geom) VALUES ('a', 'a3', 'SRID=4326;POINT (114.5 33)')");
                        assertThat(rows(st, "SELECT id::text FROM zone_features WHERE code = 'a3'")).containsExactly("20007");
                        st.execute("DELETE FROM zone_layers WHERE id = 'a'");   // the foreign key cascades as before
                        assertThat(rows(st, "SELECT code FROM zone_features WHERE layer_id <> 'big' ORDER BY id"))
                                .containsExactly("b1", "b2");
                    }
                    // the partition the migration made is replaced as a bulk import replaces its own
                    ZonePartitions.NewPartition next = ZonePartitions.create(c, "big");
                    try (Statement st = c.createStatement()) {
                        st.execute("INSERT INTO " + next.table() + " (layer_id, code, geom) VALUES ('big', 'new', 'SRID=4326;POINT (114 33)')");
                        next.attach();
                        assertThat(ZonePartitions.of(c, "big")).contains("zb_big");
                        assertThat(rows(st, "SELECT id || ' ' || code FROM zone_features WHERE layer_id = 'big'"))
                                .containsExactly("20008 new");
                    }
                    return null;
                });
                assertThat(new ZoneStore(db).features("b", null)).extracting(ZoneFeature::id).containsExactly(2L, 4L);
            }
        }
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
