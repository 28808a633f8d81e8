package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

/**
 * The GeoPackage reader's own SQL (table of contents, geometry column, CRS, columns and their
 * declared types), on files written here statement by statement so that each defect is exactly
 * the one named; GDAL-written GeoPackages are read in {@code GdalInputsTest}.
 */
class GeoPackageSourceTest {
    @TempDir
    Path tmp;

    @Test
    void values_are_typed_as_their_columns_declare_and_the_key_is_not_an_attribute() throws Exception {
        Path file = geoPackage("typed.gpkg", "EPSG", 4326);
        SourceData data = GeoPackageSource.read(file, ImportLimits.from(Map.of()));
        assertThat(data.declaredEpsg()).isEqualTo(4326);
        List<SourceFeature> features = list(data);
        // the plain pass and the one the import's pipeline makes decode alike
        List<SourceFeature> prefetched = new ArrayList<>();
        try (Prefetched<SourceFeature> p = data.features().prefetched(f -> f)) {
            p.forEachRemaining(prefetched::add);
        }
        assertThat(prefetched).isEqualTo(features);

        assertThat(features).hasSize(2);
        SourceFeature first = features.get(0);
        assertThat(first.problem()).isNull();
        assertThat(first.geometry().getArea()).isCloseTo(1e-6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(first.attributes()).containsOnlyKeys("名称", "编号", "批准日期", "已批准", "面积");
        assertThat(first.attributes().get("名称")).isEqualTo("一号地块");
        // a number written into a text column is text there (SQLite's TEXT affinity), read as such
        assertThat(first.attributes().get("编号")).isEqualTo("42");
        assertThat(first.attributes().get("批准日期")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(first.attributes().get("已批准")).isEqualTo(true);
        assertThat(((Number) first.attributes().get("面积")).doubleValue()).isEqualTo(1234.5);

        // text where the geometry blob should be: that row is refused, named, the others read
        SourceFeature second = features.get(1);
        assertThat(second.row()).isEqualTo(2);
        assertThat(second.geometry()).isNull();
        assertThat(second.problem()).contains("unreadable geometry").contains("not a GeoPackage geometry blob");
        // an empty text is no value, as in every other format
        assertThat(second.attributes()).containsEntry("名称", "二号地块").containsEntry("编号", null);
    }

    @Test
    void a_feature_table_without_its_geometry_column_entry_is_refused_naming_the_table() throws Exception {
        Path file = geoPackage("no-geometry-column.gpkg", "EPSG", 4326);
        execute(file, "DELETE FROM gpkg_geometry_columns");
        assertThatThrownBy(() -> GeoPackageSource.read(file, ImportLimits.from(Map.of())))
                .isInstanceOfSatisfying(FileRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo("corrupt_gpkg");
                    assertThat(e.getMessage()).contains("地块").contains("no geometry column");
                });
    }

    @Test
    void an_undefined_crs_is_no_crs_and_too_many_features_are_refused_before_reading() throws Exception {
        Path file = geoPackage("undefined-crs.gpkg", "NONE", -1);
        assertThat(GeoPackageSource.read(file, ImportLimits.from(Map.of())).declaredEpsg()).isNull();
        assertThatThrownBy(() -> GeoPackageSource.read(file, ImportLimits.from(Map.of()).withMaxFeatures(1)))
                .isInstanceOfSatisfying(FileRejectedException.class, e -> assertThat(e.code()).isEqualTo("too_large"));
    }

    private static List<SourceFeature> list(SourceData data) {
        List<SourceFeature> out = new ArrayList<>();
        data.features().forEach(out::add);
        return out;
    }

    /** A one-layer GeoPackage: table 地块 with a key, five typed columns and two rows, the second's geometry text. */
    private Path geoPackage(String name, String organisation, int code) throws Exception {
        Path file = tmp.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT,"
                    + " organization_coordsys_id INTEGER, definition TEXT, description TEXT)");
            st.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('crs', 99, '" + organisation + "', " + code + ", 'undefined', NULL)");
            st.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, description TEXT,"
                    + " last_change TEXT, min_x REAL, min_y REAL, max_x REAL, max_y REAL, srs_id INTEGER)");
            st.execute("INSERT INTO gpkg_contents VALUES ('地块', 'features', '地块', '', '2024-05-01', NULL, NULL, NULL, NULL, 99)");
            st.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT,"
                    + " srs_id INTEGER, z TINYINT, m TINYINT)");
            st.execute("INSERT INTO gpkg_geometry_columns VALUES ('地块', 'geom', 'POLYGON', 99, 0, 0)");
            st.execute("CREATE TABLE \"地块\" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, \"名称\" TEXT,"
                    + " \"编号\" VARCHAR(8), \"批准日期\" DATE, \"已批准\" BOOLEAN, \"面积\" DOUBLE)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"地块\" (geom, \"名称\", \"编号\", \"批准日期\", \"已批准\", \"面积\")"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setBytes(1, blob("POLYGON ((114 33, 114.001 33, 114.001 33.001, 114 33.001, 114 33))"));
                ps.setString(2, "一号地块");
                ps.setInt(3, 42);
                ps.setString(4, "2024-05-01");
                ps.setInt(5, 1);
                ps.setDouble(6, 1234.5);
                ps.executeUpdate();
                ps.setString(1, "POLYGON ((0 0, 1 0, 1 1, 0 0))");
                ps.setString(2, "二号地块");
                ps.setString(3, "");
                ps.executeUpdate();
            }
        }
        return file;
    }

    /** A GeoPackage geometry blob: "GP", version 0, flags (little-endian, no envelope), SRS id, then the WKB. */
    private static byte[] blob(String wkt) throws Exception {
        byte[] wkb = new WKBWriter(2).write(new WKTReader().read(wkt));
        return ByteBuffer.allocate(8 + wkb.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 1).putInt(99).put(wkb).array();
    }

    private static void execute(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
