package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2gis.functions.factory.H2GISFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;
import projmap.testing.TestServer;
import projmap.zones.ZoneStore;

/** {@code check FILE}: the report of a GeoJSON or Shapefile site on the command line (embedded store). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckCommandTest {
    TestDatabase testDb;
    Database db;
    CheckService service;

    @BeforeAll
    void open() {
        testDb = TestDatabase.create(StoreKind.H2GIS);
        db = testDb.open();
        CheckFixtures.load(db);
        service = new CheckService(db, new ProjectStore(db), new ZoneStore(db), CheckSettings.defaults());
    }

    @AfterAll
    void close() {
        db.close();
        testDb.close();
    }

    String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> rest = new ArrayList<>();
        int status = CheckCommand.run(service, CheckCommand.Options.parse(List.of(args), rest),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void a_geojson_file_gets_the_json_report(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site.geojson");
        Files.writeString(file, "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + CheckApiTest.SQUARE_JSON + "}");
        String[] r = run("check", file.toString(), "--category", "parks", "--home", dir.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        var report = TestServer.parse(r[1]);
        assertThat(report.path("category").asText()).isEqualTo("parks");
        assertThat(report.path("boundaries").get(0).path("verdict").asText()).isEqualTo("inside");
        List<String> rest = new ArrayList<>();
        CheckCommand.Options.parse(List.of("check", file.toString(), "--home", "/tmp/x", "--crs=EPSG:4547"), rest);
        assertThat(rest).containsExactly("--home", "/tmp/x");
    }

    @Test
    void a_bad_file_is_refused_with_the_problem_and_where(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.geojson");
        Files.writeString(file, "{\"type\":\"Polygon\",\"coordinates\":[[[114.01,32.97],[114.02,32.98],[114.02,32.97],"
                + "[114.01,32.98],[114.01,32.97]]]}");
        String[] r = run("check", file.toString());
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("invalid_geometry").contains("Self-intersection").contains("114.015");
        assertThat(run("check", file.toString(), "--repair")[0]).isEqualTo("0");
        assertThat(run("check", dir.resolve("missing.geojson").toString())[0]).isEqualTo("2");
    }

    @Test
    void a_shapefile_in_gauss_krueger_with_its_prj_gets_the_same_report(@TempDir Path dir) throws Exception {
        Path shp = dir.resolve("site.shp");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:shpw", "sa", "");
             Statement st = c.createStatement()) {
            H2GISFunctions.load(c);
            st.execute("CREATE TABLE s (id INT, the_geom GEOMETRY(POLYGON, 4547))");
            st.execute("INSERT INTO s VALUES (1, ST_Transform(ST_GeomFromText('POLYGON((114.01 32.97, 114.012 32.97,"
                    + " 114.012 32.972, 114.01 32.972, 114.01 32.97))', 4490), 4547))");
            st.execute("CALL SHPWRITE('" + shp + "', 'S')");
        }
        String[] r = run("check", shp.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        var report = TestServer.parse(r[1]);
        String[] lonLat = run("check", writeLonLat(dir).toString());
        double expected = TestServer.parse(lonLat[1]).path("site").path("areaM2").asDouble();
        assertThat(report.path("site").path("inputCrs").asText()).isEqualTo("EPSG:4547");
        assertThat(report.path("site").path("areaM2").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1.0));
    }

    private static Path writeLonLat(Path dir) throws Exception {
        Path f = dir.resolve("lonlat.geojson");
        Files.writeString(f, CheckApiTest.SQUARE_JSON);
        return f;
    }
}
