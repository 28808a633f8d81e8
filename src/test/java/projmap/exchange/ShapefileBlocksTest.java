package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A shapefile's records are read in blocks, the DBF fields of each block's halves side by side:
 * every record still comes out once, in file order, with its own fields and shape, and a damaged
 * record anywhere (first or second half of a block, past the first block) stops the reading there,
 * naming it, after exactly the records before it.
 */
class ShapefileBlocksTest {
    static final int RECORDS = 3_000;
    @TempDir
    static Path dir;
    static Path shp;

    @BeforeAll
    static void write() throws Exception {
        shp = dir.resolve("blocks.shp");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:shapefile_blocks", "sa", "");
             Statement st = c.createStatement()) {
            org.h2gis.functions.factory.H2GISFunctions.load(c);
            st.execute("CREATE TABLE blocks AS SELECT X AS nr, '地块' || X AS mc, X * 0.5 AS mj,"
                    + " ST_SetSRID(ST_MakeEnvelope(114 + X * 0.0001, 33, 114.00005 + X * 0.0001, 33.00005), 4326) AS geom"
                    + " FROM SYSTEM_RANGE(1, " + RECORDS + ")");
            st.execute("CALL SHPWrite('" + shp + "', 'BLOCKS', 'UTF-8')");
        }
    }

    @Test
    void every_record_comes_out_once_in_file_order_with_its_own_fields_and_shape() {
        List<SourceFeature> all = new ArrayList<>();
        read(shp).features().forEach(all::add);
        assertThat(all).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            SourceFeature f = all.get(i);
            long nr = i + 1;
            assertThat(f.row()).isEqualTo(i + 1);
            Map<String, Object> a = f.attributes();
            assertThat(((Number) a.get("NR")).longValue()).isEqualTo(nr);
            assertThat(a.get("MC")).isEqualTo("地块" + nr);
            assertThat(((Number) a.get("MJ")).doubleValue()).isEqualTo(nr * 0.5);
            assertThat(f.geometry().getEnvelopeInternal().getMinX()).isCloseTo(114 + nr * 0.0001, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @ParameterizedTest(name = "record {0}")
    @ValueSource(ints = {1, 2_500, 2_900, 3_000})
    void a_damaged_shape_stops_the_reading_at_that_record(int bad) throws Exception {
        Path copy = Files.createDirectory(dir.resolve("bad" + bad)).resolve("blocks.shp");
        for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
            Path from = shp.resolveSibling("blocks." + ext);
            if (Files.exists(from)) {
                Files.copy(from, copy.resolveSibling("blocks." + ext));
            }
        }
        // the bad record claims far more points than it holds (the index itself is sound, so the
        // up-front checks pass and the pass meets the damage at that record)
        long offset;
        try (RandomAccessFile shx = new RandomAccessFile(copy.resolveSibling("blocks.shx").toFile(), "r")) {
            shx.seek(100 + 8L * (bad - 1));
            offset = 2L * shx.readInt();
        }
        try (RandomAccessFile shpFile = new RandomAccessFile(copy.toFile(), "rw")) {
            shpFile.seek(offset + 8 + 4 + 32 + 4);   // record header, shape type, box, number of parts
            shpFile.writeInt(Integer.reverseBytes(1_000_000));   // number of points, little-endian
        }
        List<SourceFeature> seen = new ArrayList<>();
        assertThatThrownBy(() -> read(copy).features().forEach(seen::add))
                .isInstanceOfSatisfying(FileRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo("corrupt_shapefile");
                    assertThat(e.getMessage()).contains("record " + bad);
                });
        assertThat(seen).hasSize(bad - 1);
        if (bad > 1) {
            assertThat(seen.get(bad - 2).row()).isEqualTo(bad - 1);
        }
    }

    private static SourceData read(Path shp) {
        List<Path> files = new ArrayList<>();
        for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
            Path p = shp.resolveSibling("blocks." + ext);
            if (Files.exists(p)) {
                files.add(p);
            }
        }
        return ShapefileSource.read(files, new ImportOptions(false, null, null, Map.of(), "test"), ImportLimits.DEFAULT);
    }
}
