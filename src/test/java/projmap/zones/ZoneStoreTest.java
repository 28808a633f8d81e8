package projmap.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static projmap.testing.Fixtures.wkt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.geo.BBox;
import projmap.store.Database;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;

@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneStoreTest {
    @Parameter
    StoreKind kind;

    TestDatabase testDb;
    Database db;
    ZoneStore store;

    @BeforeParameterizedClassInvocation
    void open() {
        testDb = TestDatabase.create(kind);
        db = testDb.open();
        store = new ZoneStore(db);
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    static ZoneLayer landUse(String vintage) {
        return new ZoneLayer("land-use", "用地规划", "Planned land use", ZoneKind.ZONING, vintage, "test", null, null);
    }

    static List<ZoneFeature> grid(int n, String code) {
        List<ZoneFeature> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = 114 + i * 0.01;
            out.add(new ZoneFeature(0, "land-use", code, "二类居住用地", "{\"planNo\":\"KG-" + i + "\",\"far\":2.5}",
                    wkt("POLYGON ((" + x + " 33, " + (x + 0.01) + " 33, " + (x + 0.01) + " 33.01, " + x + " 33.01, " + x + " 33))")));
        }
        return out;
    }

    @Test
    void a_layer_stores_its_features_with_attributes_and_a_content_hash() {
        ZoneLayer stored = store.replace(landUse("2017"), grid(5, "R2"));
        assertThat(stored.contentHash()).hasSize(64);
        List<ZoneFeature> features = store.features("land-use", null);
        assertThat(features).hasSize(5);
        assertThat(features.get(0).code()).isEqualTo("R2");
        assertThat(features.get(0).attributes()).contains("\"planNo\"").contains("KG-0");
        assertThat(store.layer("land-use").orElseThrow().contentHash()).isEqualTo(stored.contentHash());
        assertThat(store.extent("land-use").orElseThrow().features()).isEqualTo(5);
        assertThat(store.extent("land-use").orElseThrow().bounds().minLon()).isEqualTo(114.0);
        assertThat(store.codes("land-use")).extracting(ZoneStore.CodeCount::code).containsExactly("R2");
    }

    @Test
    void features_are_found_by_bbox_through_the_spatial_index() {
        store.replace(landUse("2017"), grid(10, "R2"));
        // parcels 2 and 3 (x 114.02–114.04) meet the box; touching edges count as meeting
        List<ZoneFeature> hits = store.features("land-use", new BBox(114.025, 33.001, 114.035, 33.002));
        assertThat(hits).extracting(f -> f.attributes().contains("KG-2") || f.attributes().contains("KG-3")).containsOnly(true);
        assertThat(hits).hasSize(2);
    }

    @Test
    void a_tile_reads_its_box_through_the_spatial_index_not_the_whole_layer() throws Exception {
        // H2's planner took the layer_id index and scanned the whole layer for every tile until
        // the query named the spatial index (Dialect.useSpatialIndex); PostgreSQL chooses it itself
        store.replace(landUse("2017"), grid(2000, "R2"));
        String plan = tilePlan("land-use");
        if (kind == StoreKind.H2GIS) {
            assertThat(plan.toLowerCase()).contains("zone_features_geom_idx");
            return;
        }
        // PostGIS (V11): the layer's rows are in the default partition; only that one is read, through its GiST
        assertThat(plan).contains("zone_features_default_geom_idx").contains(" on zone_features_default")
                .doesNotContain("Seq Scan").doesNotContain("Append").doesNotContain("za_");

        // a layer with a partition of its own (as a bulk import makes it): only that partition, through its GiST
        ZoneLayer big = new ZoneLayer("land-use-big", "用地规划", "Planned land use", ZoneKind.ZONING, "2017", "test", null, null);
        store.replace(big, List.of());
        db.inTransaction(c -> {
            ZonePartitions.NewPartition partition = ZonePartitions.create(c, "land-use-big");
            try (var st = c.createStatement()) {
                st.execute("INSERT INTO " + partition.table() + " (layer_id, code, geom) SELECT 'land-use-big', 'R2',"
                        + " ST_MakeEnvelope(114 + i * 0.001, 33, 114.001 + i * 0.001, 33.001, 4326) FROM generate_series(0, 4999) i");
            }
            partition.attach();
            return null;
        });
        assertThat(store.features("land-use-big", new BBox(114.0105, 33.0001, 114.0115, 33.0002))).hasSize(2);
        String partitioned = tilePlan("land-use-big");
        assertThat(partitioned).contains("\"za_land-use-big_geom_idx\"").contains(" on \"za_land-use-big\"")
                .doesNotContain("zone_features_default").doesNotContain("Seq Scan").doesNotContain("Append");
    }

    /** The plan of the tile query for a box in {@code layerId}, the table analysed first on PostGIS. */
    private String tilePlan(String layerId) {
        return db.read(c -> {
            if (kind == StoreKind.POSTGIS) {
                try (var st = c.createStatement()) {
                    st.execute("ANALYZE zone_features");
                }
            }
            StringBuilder text = new StringBuilder();
            try (var ps = c.prepareStatement("EXPLAIN " + store.shapesByBoxSql())) {
                ps.setString(1, layerId);
                double[] box = {114.025, 33.001, 114.035, 33.002};
                for (int i = 0; i < 4; i++) {
                    ps.setDouble(i + 2, box[i]);
                }
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        text.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return text.toString();
        });
    }

    @Test
    void the_same_content_has_the_same_hash_and_other_content_another() {
        String first = store.replace(landUse("2017"), grid(3, "R2")).contentHash();
        String again = store.replace(landUse("2017"), grid(3, "R2")).contentHash();
        String changed = store.replace(landUse("2018"), grid(3, "B1")).contentHash();
        assertThat(again).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first);
    }

    @Test
    void a_failed_replacement_leaves_the_previous_version_whole() {
        store.replace(landUse("2017"), grid(4, "R2"));
        List<ZoneFeature> broken = new ArrayList<>(grid(6, "B1"));
        // a code longer than the column allows fails the insert half-way through
        broken.add(new ZoneFeature(0, "land-use", "X".repeat(500), "坏数据", "{}", wkt("POINT (114 33)")));
        assertThatThrownBy(() -> store.replace(landUse("2018"), broken)).isInstanceOf(RuntimeException.class);
        assertThat(store.features("land-use", null)).hasSize(4).extracting(ZoneFeature::code).containsOnly("R2");
        assertThat(store.layer("land-use").orElseThrow().vintage()).isEqualTo("2017");
    }

    @Test
    void a_replacement_in_the_callers_transaction_is_announced_only_after_it_commits() throws Exception {
        String before = store.replace(landUse("2017"), grid(3, "R2")).contentHash();
        // what a listener (the tile cache) would read, on another connection, when it hears of the change
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        projmap.store.ChangeFeed.Listener listener = (source, area) -> {
            if ("land-use".equals(source)) {
                seen.add(store.layer("land-use").orElseThrow().contentHash());
            }
        };
        db.changes().subscribe(listener);
        try {
            String after = db.inTransaction(c -> {
                String hash = store.replace(c, landUse("2020"), grid(4, "B1")).contentHash();
                assertThat(seen).as("announced before the commit").isEmpty();
                return hash;
            });
            assertThat(after).isNotEqualTo(before);
            assertThat(seen).as("announced once, with the new rows visible").containsExactly(after);

            // rolled back: nothing to announce
            seen.clear();
            assertThatThrownBy(() -> db.inTransaction(c -> {
                store.replace(c, landUse("2021"), grid(2, "G1"));
                throw new IllegalStateException("the caller fails after the replacement");
            })).hasMessageContaining("caller fails");
            assertThat(seen).isEmpty();
            assertThat(store.layer("land-use").orElseThrow().contentHash()).isEqualTo(after);
        } finally {
            db.changes().unsubscribe(listener);
        }
    }

    @Test
    void a_change_on_a_transaction_nobody_commits_for_us_is_refused() throws Exception {
        // a store asked to announce after a commit it cannot see must say so, not announce too early
        var ds = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        db.read(c -> {
            c.setAutoCommit(false);
            try {
                store.replace(c, landUse("2022"), grid(1, "R2"));
            } catch (IllegalStateException e) {
                ds.set(e);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return null;
        });
        assertThat(ds.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("inTransaction");
    }
}
