package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static projmap.testing.Fixtures.wkt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;
import projmap.zones.ZoneVintageStore;

/**
 * The bulk path of zone imports on both stores: a load big enough that PostGIS rebuilds the
 * spatial index, values that COPY's text format must escape, and a bad last record that must leave
 * the previous layer, its vintages and the index exactly as they were.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneBulkLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = ZoneBulkWriter.REBUILD_MIN_ROWS + 500;

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
            ZoneStore.ContentHash hash = new ZoneStore.ContentHash();
            stored.forEach(hash::add);
            assertThat(stamped).isEqualTo(hash.hex());
        }
        load("bulk-again", squares(ROWS));
        assertThat(zones.layer("bulk-again").orElseThrow().contentHash()).isEqualTo(stamped).hasSize(64);

        assertThat(zones.features("bulk", new BBox(113.5, 32.5, 113.5015, 32.5015))).hasSize(1);
        if (kind == StoreKind.POSTGIS) {
            assertThat(indexExists()).as("the GiST index is built again after the load").isTrue();
            assertThat(indexExists("zone_features_layer_idx")).as("the index by layer is built again after the load").isTrue();
            assertThat(layerForeignKey()).as("the foreign key dropped for the move is back, as it was")
                    .startsWith("FOREIGN KEY (layer_id) REFERENCES ").endsWith("zone_layers(id) ON DELETE CASCADE");
            // and it is enforced again: deleting the layer takes its features with it
            db.inTransaction(c -> {
                try (var st = c.createStatement()) {
                    return st.executeUpdate("DELETE FROM zone_layers WHERE id = 'bulk-again'");
                }
            });
            assertThat(zones.features("bulk-again", null)).isEmpty();
        }
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
            assertThat(indexExists()).isTrue();
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

    /** The definition of zone_features' foreign key to its layer (PostGIS). */
    private String layerForeignKey() {
        return db.read(c -> {
            try (var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                         + " WHERE conrelid = 'zone_features'::regclass AND contype = 'f'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    private boolean indexExists() {
        return indexExists("zone_features_geom_idx");
    }

    private boolean indexExists(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_indexes WHERE indexname = ?"
                    + " AND schemaname = current_schema()")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
    }
}
