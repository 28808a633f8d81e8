package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static projmap.testing.Fixtures.wkt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.geo.BBox;
import projmap.store.Database;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;
import projmap.zones.ContentHash;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;
import projmap.zones.ZoneVintageStore;

/**
 * The bulk path of zone imports on both stores: a load big enough that PostGIS gives the layer a
 * partition of its own, values that COPY's text format must escape, a replacement that readers do
 * not see until it commits, and a bad last record, a failure or a killed session that must leave
 * the previous layer, its vintages and its partition exactly as they were (and no new table).
 * What is checked of the partitions themselves is checked on PostGIS only: H2 has none.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneBulkLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = ZoneBulkWriter.PARTITION_MIN_ROWS + 500;

    @Parameter
    StoreKind kind;

    TestDatabase testDb;
    Database db;
    ZoneStore zones;
    ZoneVintageStore vintages;
    ZoneImporter importer;

    @BeforeParameterizedClassInvocation
    void open() {
        testDb = TestDatabase.create(kind);
        db = testDb.open();
        zones = new ZoneStore(db);
        vintages = new ZoneVintageStore(db);
        importer = new ZoneImporter(db, zones, vintages);
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

    /** {@code n} small squares in a grid over Zhumadian, each with awkward text in its attributes. */
    static List<SourceFeature> squares(int n) {
        List<SourceFeature> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x = 113.5 + (i % 400) * 0.002;
            double y = 32.5 + (i / 400) * 0.002;
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("用地代码", i % 2 == 0 ? "R2" : "B1");
            attrs.put("名称", "地块" + i);
            attrs.put("备注", "tab\there, back\\slash, line\nend, \"quoted\", 中文 " + i);
            attrs.put("容积率", 2.5);
            out.add(new SourceFeature(i + 1, attrs, wkt("POLYGON ((" + x + " " + y + ", " + (x + 0.001) + " " + y + ", "
                    + (x + 0.001) + " " + (y + 0.001) + ", " + x + " " + (y + 0.001) + ", " + x + " " + y + "))"), null));
        }
        return out;
    }

    private ImportReport load(String layer, List<SourceFeature> features) {
        return importer.run(new ZoneImporter.LayerRequest(layer, ZoneKind.ZONING, "用地", "2025", "test"),
                new SourceData(ExchangeFormat.GEOJSON, features, 4326, "UTF-8"), ImportOptions.DEFAULT, ImportLimits.DEFAULT,
                ImportProgress.NONE);
    }

    @Test
    void a_big_load_stores_every_record_exactly_with_a_consistent_hash_and_a_working_spatial_index() throws Exception {
        ImportReport r = load("bulk", squares(ROWS));
        assertThat(r.created()).isEqualTo(ROWS);

        List<ZoneFeature> stored = zones.features("bulk", null);
        assertThat(stored).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(stored.get(i).name()).as("the ids follow the file's order").isEqualTo("地块" + i);
        }
        ZoneFeature last = stored.get(ROWS - 1);
        assertThat(last.code()).isEqualTo(ROWS % 2 == 0 ? "B1" : "R2");
        assertThat(last.name()).isEqualTo("地块" + (ROWS - 1));
        JsonNode attrs = JSON.readTree(last.attributes());
        assertThat(attrs.path("备注").asText()).isEqualTo("tab\there, back\\slash, line\nend, \"quoted\", 中文 " + (ROWS - 1));
        assertThat(attrs.path("容积率").asDouble()).isEqualTo(2.5);
        assertThat(last.geometry().getArea()).isCloseTo(1e-6, org.assertj.core.data.Offset.offset(1e-12));

        // the streamed hash is the one ZoneStore computes over the same features (H2 gives the
        // attribute text back as sent; PostGIS's JSONB normalises it, so there: same input, same hash)
        String stamped = zones.layer("bulk").orElseThrow().contentHash();
        if (kind == StoreKind.H2GIS) {
            ContentHash hash = new ContentHash();
            stored.forEach(hash::add);
            assertThat(stamped).isEqualTo(hash.hex());
        }
        load("bulk-again", squares(ROWS));
        assertThat(zones.layer("bulk-again").orElseThrow().contentHash()).isEqualTo(stamped).hasSize(64);

        assertThat(zones.features("bulk", new BBox(113.5, 32.5, 113.5015, 32.5015))).hasSize(1);
        if (kind == StoreKind.POSTGIS) {
            assertThat(partitionOf("bulk")).as("a big load lands in a partition of its own").contains("za_bulk");
            assertThat(rowsIn("za_bulk")).isEqualTo(ROWS);
            assertThat(rowsIn("zone_features_default", "bulk")).as("nothing of it in the default partition").isZero();
            assertThat(indexesOf("za_bulk")).as("the partition's key and spatial index")
                    .anyMatch(d -> d.contains("UNIQUE INDEX") && d.contains("(layer_id, id)"))
                    .anyMatch(d -> d.contains("USING gist (geom)"));
            assertThat(allVisible("za_bulk")).as("written frozen (COPY FREEZE): every page all-visible without a vacuum").isTrue();
            assertThat(layerForeignKey("za_bulk")).as("the partition has the layer's foreign key")
                    .startsWith("FOREIGN KEY (layer_id) REFERENCES ").endsWith("zone_layers(id) ON DELETE CASCADE");
            assertThat(layerForeignKey("zone_features")).endsWith("zone_layers(id) ON DELETE CASCADE");
            // ids are unique across partitions: those of the second load follow the first's
            long lastOfFirst = stored.get(ROWS - 1).id();
            assertThat(zones.features("bulk-again", null).get(0).id()).isGreaterThan(lastOfFirst);
        }
    }

    @Test
    void small_layers_stay_in_the_default_partition() {
        load("small", squares(10));
        assertThat(zones.features("small", null)).hasSize(10);
        if (kind == StoreKind.POSTGIS) {
            assertThat(partitionOf("small")).isEmpty();
            assertThat(tablesOf("small")).isEmpty();
            assertThat(rowsIn("zone_features_default", "small")).isEqualTo(10);
        }
    }

    @Test
    void a_replacement_is_read_as_the_old_vintage_until_it_commits_and_the_old_stays_in_the_archive() throws Exception {
        load("swap", squares(ROWS));
        String oldHash = zones.layer("swap").orElseThrow().contentHash();
        // halfway through the next load, another connection reads the layer: all of the old rows,
        // at once (a lock on zone_features during the load would make it wait)
        List<SourceFeature> renamed = new ArrayList<>();
        for (SourceFeature f : squares(ROWS)) {
            Map<String, Object> attrs = new LinkedHashMap<>(f.attributes());
            attrs.put("名称", "新" + attrs.get("名称"));
            renamed.add(new SourceFeature(f.row(), attrs, f.geometry(), f.problem()));
        }
        Map<String, Object> seen = new java.util.concurrent.ConcurrentHashMap<>();
        load("swap", halfway(renamed, () -> {
            if (kind == StoreKind.POSTGIS) {
                seen.put("copying", copyingInto("zb_swap"));
            }
            seen.put("features", readElsewhere(() -> zones.features("swap", null)));
            seen.put("box", readElsewhere(() -> zones.features("swap", new BBox(113.5, 32.5, 113.5015, 32.5015))));
            seen.put("hash", readElsewhere(() -> zones.layer("swap").orElseThrow().contentHash()));
        }));

        if (kind == StoreKind.POSTGIS) {
            assertThat(seen.get("copying")).as("the reads ran while the new rows were being copied").isEqualTo(true);
        }
        @SuppressWarnings("unchecked")
        List<ZoneFeature> during = (List<ZoneFeature>) seen.get("features");
        assertThat(during).hasSize(ROWS);
        assertThat(during).extracting(ZoneFeature::name).first().isEqualTo("地块0");
        assertThat((List<?>) seen.get("box")).hasSize(1);
        assertThat(seen.get("hash")).isEqualTo(oldHash);

        List<ZoneFeature> after = zones.features("swap", null);
        assertThat(after).hasSize(ROWS);
        assertThat(after.get(0).name()).isEqualTo("新地块0");
        assertThat(after.get(ROWS - 1).name()).isEqualTo("新地块" + (ROWS - 1));
        assertThat(zones.features("swap", new BBox(113.5, 32.5, 113.5015, 32.5015))).extracting(ZoneFeature::name)
                .containsExactly("新地块0");
        assertThat(vintages.vintages("swap")).hasSize(1).first().satisfies(v -> {
            assertThat(v.features()).isEqualTo(ROWS);
            assertThat(v.layer().contentHash()).isEqualTo(oldHash);
        });
        List<String> archived = new ArrayList<>();
        vintages.forEachFeature("swap", 1, f -> archived.add(f.name()));
        assertThat(archived).hasSize(ROWS).startsWith("地块0", "地块1");
        if (kind == StoreKind.POSTGIS) {
            assertThat(partitionOf("swap")).as("the new partition in the old one's place").contains("zb_swap");
            assertThat(tablesOf("swap")).containsExactly("zb_swap");
            // and the next replacement takes the first name again
            load("swap", squares(ROWS));
            assertThat(tablesOf("swap")).containsExactly("za_swap");
            assertThat(zones.features("swap", null)).hasSize(ROWS);
        }
    }

    @Test
    void a_sixty_character_layer_id_gets_partition_names_within_postgresqls_limit() {
        String id = "a-" + "0123456789_".repeat(5) + "xyz";
        assertThat(id).hasSize(60);
        load(id, squares(ROWS));
        load(id, squares(ROWS));   // old and new partition side by side in one transaction
        assertThat(zones.features(id, null)).hasSize(ROWS);
        assertThat(vintages.vintages(id)).hasSize(1);
        if (kind == StoreKind.POSTGIS) {
            assertThat(partitionOf(id)).contains("zb_" + id);
            assertThat(partitionOf(id).orElseThrow()).hasSize(63);
        }
    }

    @Test
    void a_load_cut_off_halfway_leaves_the_old_layer_and_no_new_table() {
        load("cut", squares(ROWS));
        String hashBefore = zones.layer("cut").orElseThrow().contentHash();
        // PostGIS: the importing session is killed, as when the process dies (the server rolls back
        // what the session had begun); the embedded H2GIS dies with the process itself, so there the
        // file fails to read instead
        assertThatThrownBy(() -> load("cut", halfway(squares(ROWS), () -> {
            if (kind == StoreKind.POSTGIS) {
                assertThat(terminateCopyInto("zb_cut")).isTrue();
            } else {
                throw new java.io.UncheckedIOException(new java.io.IOException("the file ends early"));
            }
        }))).isInstanceOf(RuntimeException.class);

        assertBigLayerAsLoadedOnce("cut", hashBefore);
    }

    @Test
    void a_layer_replaced_by_a_few_features_or_deleted_loses_its_partition() {
        load("brief", squares(ROWS));
        ZoneLayer layer = zones.layer("brief").orElseThrow();
        List<ZoneFeature> few = zones.features("brief", new BBox(113.5, 32.5, 113.5035, 32.5015));
        assertThat(few).hasSize(2);
        zones.replace(layer, few);
        assertThat(zones.features("brief", null)).hasSize(2);
        if (kind == StoreKind.POSTGIS) {
            assertThat(tablesOf("brief")).as("the rows given by the list go to the default partition").isEmpty();
            assertThat(rowsIn("zone_features_default", "brief")).isEqualTo(2);
        }

        load("gone", squares(ROWS));
        if (kind == StoreKind.POSTGIS) {
            assertThat(tablesOf("gone")).containsExactly("za_gone");
        }
        db.inTransaction(c -> {
            zones.deleteAll(c);
            return null;
        });
        assertThat(zones.layers()).isEmpty();
        assertThat(zones.features("gone", null)).isEmpty();
        if (kind == StoreKind.POSTGIS) {
            assertThat(tablesOf("gone")).as("the layer's partition goes with it").isEmpty();
            assertThat(rowsIn("zone_features_default")).isZero();
        }
        // and a layer of that name can be loaded again
        load("gone", squares(ROWS));
        assertThat(zones.features("gone", null)).hasSize(ROWS);
    }

    @Test
    void a_bad_last_record_leaves_the_previous_layer_its_vintages_and_the_index_as_they_were() {
        load("keep", squares(10));
        String hashBefore = zones.layer("keep").orElseThrow().contentHash();
        int vintagesBefore = vintages.vintages("keep").size();

        List<SourceFeature> features = new ArrayList<>(squares(ROWS));
        features.add(new SourceFeature(ROWS + 1, Map.of("用地代码", "R2"),
                wkt("POLYGON ((114 33, 114.001 33.001, 114.001 33, 114 33.001, 114 33))"), null));
        assertThatThrownBy(() -> load("keep", features))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                    assertThat(e.report().rejected()).hasSize(1);
                    assertThat(e.report().rejected().get(0).row()).isEqualTo(ROWS + 1);
                });

        assertThat(zones.features("keep", null)).hasSize(10);
        assertThat(zones.layer("keep").orElseThrow().contentHash()).isEqualTo(hashBefore);
        assertThat(vintages.vintages("keep")).hasSize(vintagesBefore);
        if (kind == StoreKind.POSTGIS) {
            assertThat(tablesOf("keep")).as("the table the load wrote into is gone with the transaction").isEmpty();
            assertThat(rowsIn("zone_features_default", "keep")).isEqualTo(10);
        }

        // a layer with a partition of its own keeps it, alone
        load("keep-big", squares(ROWS));
        String bigHash = zones.layer("keep-big").orElseThrow().contentHash();
        assertThatThrownBy(() -> load("keep-big", features)).isInstanceOf(ImportRejectedException.class);
        assertBigLayerAsLoadedOnce("keep-big", bigHash);
    }

    /**
     * A layer loaded once with {@link #ROWS} features is exactly as that load left it after a later
     * load failed: its rows, its hash, no archived vintage, and (PostGIS) its first partition alone.
     */
    private void assertBigLayerAsLoadedOnce(String layerId, String hash) {
        assertThat(zones.features(layerId, null)).hasSize(ROWS);
        assertThat(zones.layer(layerId).orElseThrow().contentHash()).isEqualTo(hash);
        assertThat(vintages.vintages(layerId)).isEmpty();
        if (kind == StoreKind.POSTGIS) {
            assertThat(tablesOf(layerId)).containsExactly("za_" + layerId);
            assertThat(partitionOf(layerId)).contains("za_" + layerId);
        }
    }

    @Test
    void multi_part_and_holed_geometries_are_stored_exactly() {
        String multi = "MULTIPOLYGON (((114 33, 114.01 33, 114.01 33.01, 114 33.01, 114 33),"
                + " (114.002 33.002, 114.002 33.004, 114.004 33.004, 114.004 33.002, 114.002 33.002)),"
                + " ((114.02 33, 114.03 33, 114.03 33.01, 114.02 33)))";
        List<SourceFeature> features = new ArrayList<>(squares(ROWS));
        features.add(new SourceFeature(ROWS + 1, Map.of("用地代码", "G1"), wkt(multi), null));
        features.add(new SourceFeature(ROWS + 2, Map.of("用地代码", "G2"),
                wkt("POLYGON ((114.1 33, 114.11 33, 114.11 33.01, 114.1 33))"), null));
        load("parts", features);
        List<ZoneFeature> stored = zones.features("parts", null);
        assertThat(stored).hasSize(ROWS + 2);
        assertThat(stored.get(ROWS).geometry().equalsExact(wkt(multi))).as(stored.get(ROWS).geometry().toText()).isTrue();
        assertThat(stored.get(ROWS).geometry().getSRID()).isEqualTo(4326);
        assertThat(stored.get(ROWS + 1).geometry().getGeometryType()).isEqualTo("Polygon");
    }

    @Test
    void a_declared_crs_the_records_do_not_fit_is_refused_after_the_single_pass_and_stores_nothing() {
        load("declared", squares(10));
        String hashBefore = zones.layer("declared").orElseThrow().contentHash();
        int vintagesBefore = vintages.vintages("declared").size();
        // lon/lat numbers in a file that says CGCS2000 Gauss–Krüger: known only once every record is read
        SourceData data = new SourceData(ExchangeFormat.SHAPEFILE, squares(ROWS), 4547, "UTF-8");
        assertThatThrownBy(() -> importer.run(new ZoneImporter.LayerRequest("declared", ZoneKind.ZONING, "用地", "2026", "test"),
                data, ImportOptions.DEFAULT, ImportLimits.DEFAULT, ImportProgress.NONE))
                .isInstanceOfSatisfying(FileRejectedException.class, e -> assertThat(e.code()).isEqualTo("crs_mismatch"));
        assertThat(zones.features("declared", null)).hasSize(10);
        assertThat(zones.layer("declared").orElseThrow().contentHash()).isEqualTo(hashBefore);
        assertThat(vintages.vintages("declared")).hasSize(vintagesBefore);
    }

    /**
     * {@code features} as a list whose reading runs {@code action} once, halfway through — on the
     * import's reading thread, while the load's transaction is open.
     */
    private static List<SourceFeature> halfway(List<SourceFeature> features, Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return new java.util.AbstractList<>() {
            @Override
            public SourceFeature get(int i) {
                if (i == features.size() / 2 && done.compareAndSet(false, true)) {
                    action.run();
                }
                return features.get(i);
            }

            @Override
            public int size() {
                return features.size();
            }
        };
    }

    /** What {@code read} returns on another thread (so another connection), or a failure if it has to wait 20 s. */
    private static Object readElsewhere(java.util.function.Supplier<?> read) {
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(read).get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("a read during the load did not come back at once", e);
        }
    }

    /** Whether a session is copying rows into {@code table} now (PostGIS). */
    private boolean copyingInto(String table) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND query LIKE ?")) {
                ps.setString(1, "COPY \"" + table + "\" %");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
    }

    /** Kills the session copying rows into {@code table} (PostGIS); true if there was one. */
    private boolean terminateCopyInto(String table) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid))"
                    + " FROM pg_stat_activity WHERE query LIKE ? AND pid <> pg_backend_pid()")) {
                ps.setString(1, "COPY \"" + table + "\" %");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
    }

    /** The layer's own partition of zone_features, if it has one (PostGIS). */
    private java.util.Optional<String> partitionOf(String layerId) {
        return db.read(c -> projmap.zones.ZonePartitions.of(c, layerId));
    }

    /** The tables of the test's schema a partition of the layer could have as name, attached or not (PostGIS). */
    private List<String> tablesOf(String layerId) {
        return strings("SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
                + " AND relkind = 'r' AND relname IN (?, ?) ORDER BY relname", "za_" + layerId, "zb_" + layerId);
    }

    /** The first column of a query's rows, its parameters bound in order. */
    private List<String> strings(String sql, String... parameters) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** Whether the table has pages and all of them are marked all-visible, as ANALYZE reads the visibility map (PostGIS). */
    private boolean allVisible(String table) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE \"" + table + "\"");
                try (ResultSet rs = st.executeQuery("SELECT relpages > 0 AND relallvisible = relpages FROM pg_class"
                        + " WHERE oid = '\"" + table + "\"'::regclass")) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    private long rowsIn(String table) {
        return rowsIn(table, null);
    }

    /** The rows of one table of the test's schema (a partition), of one layer when given (PostGIS). */
    private long rowsIn(String table, String layerId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"" + table + "\""
                    + (layerId == null ? "" : " WHERE layer_id = ?"))) {
                if (layerId != null) {
                    ps.setString(1, layerId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The definitions of a table's indexes (PostGIS). */
    private List<String> indexesOf(String table) {
        return strings("SELECT indexdef FROM pg_indexes WHERE tablename = ? AND schemaname = current_schema()", table);
    }

    /** The definition of a table's foreign key to its layer (PostGIS). */
    private String layerForeignKey(String table) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE conrelid = to_regclass(?) AND contype = 'f'")) {
                ps.setString(1, '"' + table + '"');
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
