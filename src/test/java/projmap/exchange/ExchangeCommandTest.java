package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;

/** {@code projmap import/export} in-process, on the embedded store (the store code is shared with the API tests). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeCommandTest {
    TestDatabase testDb;
    Database db;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    @BeforeAll
    void open() {
        testDb = TestDatabase.create(StoreKind.H2GIS);
        db = testDb.open();
    }

    @AfterAll
    void close() {
        db.close();
        testDb.close();
    }

    int run(String... args) {
        return runOpening(java.util.concurrent.CompletableFuture.completedFuture(db), args);
    }

    @Test
    void import_dry_run_then_real_then_export_with_a_progress_bar() throws Exception {
        Path csv = tmp.resolve("p.csv");
        Files.writeString(csv, "项目编号,项目名称,项目类别,项目状态,经度,纬度\nCLI-1,命令行,公园绿地,在建,114.02,32.98\n");
        assertThat(run("import", "projects", csv.toString(), "--dry-run")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dry run").contains("created 1");
        assertThat(new ProjectStore(db).count()).isZero();

        assertThat(run("import", "projects", csv.toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[").contains("100%");
        assertThat(new ProjectStore(db).findByCode("CLI-1")).isPresent();

        Path gpkg = tmp.resolve("out.gpkg");
        assertThat(run("export", "projects", gpkg.toString())).isZero();
        assertThat(gpkg).exists();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote 1 features");
    }

    @Test
    void a_refused_file_exits_with_status_one_and_says_why() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "code,name,category,status,x,y\nP-1,x,parks,planned,38501869,3650530\n");
        assertThat(run("import", "projects", csv.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("crs_required").contains("EPSG:4526");
    }

    @Test
    void a_zone_layer_in_gauss_krueger_is_imported_with_the_given_crs() throws Exception {
        Path gj = tmp.resolve("z.geojson");
        Files.writeString(gj, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"DLBM":"0101","DLMC":"水田"},
                 "geometry":{"type":"Polygon","coordinates":[[[501000,3650000],[502000,3650000],[502000,3651000],[501000,3650000]]]}}]}""");
        assertThat(run("import", "zones", "farmland", gj.toString(), "--crs", "EPSG:4547", "--kind", "restriction", "--title", "基本农田"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created 1");
    }

    @Test
    void a_shapefile_is_imported_by_its_shp_with_the_files_beside_it_and_a_lone_shp_is_refused() throws Exception {
        Path gj = tmp.resolve("parcels.geojson");
        Files.writeString(gj, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"R2","name":"二类居住"},
                 "geometry":{"type":"Polygon","coordinates":[[[114.01,32.97],[114.02,32.97],[114.02,32.98],[114.01,32.97]]]}}]}""");
        assertThat(run("import", "zones", "parcels", gj.toString(), "--kind", "zoning", "--title", "用地")).isZero();
        Path zip = tmp.resolve("parcels.shp.zip");
        assertThat(run("export", "zones", "parcels", zip.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path dir = Files.createDirectories(tmp.resolve("from-arcgis"));
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                // the .dbf in upper case, as some tools write it; other files beside it are not taken
                String name = e.getName().endsWith(".dbf") ? e.getName().replace(".dbf", ".DBF") : e.getName();
                Files.copy(in, dir.resolve(name));
            }
        }
        Path shp;
        try (var files = Files.list(dir)) {
            shp = files.filter(f -> f.toString().endsWith(".shp")).findFirst().orElseThrow();
        }
        Files.writeString(dir.resolve("notes.txt"), "不是图层的一部分");
        assertThat(ExchangeCommand.withSidecars(shp)).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(f -> assertThat(f.getFileName().toString()).startsWith(shp.getFileName().toString().replace(".shp", ".")));

        assertThat(run("import", "zones", "parcels-copy", shp.toString(), "--kind", "zoning", "--title", "用地"))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created 1");
        var copied = new projmap.zones.ZoneStore(db).features("parcels-copy", null);
        assertThat(copied).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("R2");
            assertThat(f.name()).isEqualTo("二类居住");
        });

        Path lone = Files.createDirectories(tmp.resolve("lone")).resolve(shp.getFileName());
        Files.copy(shp, lone);
        assertThat(run("import", "zones", "parcels-lone", lone.toString(), "--kind", "zoning", "--title", "用地")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing_part");
    }

    /** As {@link #run}, with the store still opening (as the command line starts it). */
    int runOpening(java.util.concurrent.CompletableFuture<Database> store, String... args) {
        out.reset();
        err.reset();
        List<String> argv = List.of(args);
        return new ExchangeCommand(store, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args[0], argv.subList(1, argv.size()).stream().filter(a -> !a.startsWith("--")
                        && !List.of("EPSG:4547", "zoning", "用地").contains(a)).toList(), argv);
    }

    @Test
    void the_file_is_read_while_the_store_opens_and_the_import_waits_for_it_to_write() throws Exception {
        Path csv = tmp.resolve("opening.csv");
        Files.writeString(csv, "项目编号,项目名称,项目类别,项目状态,经度,纬度\nCLI-OPEN,开启中,公园绿地,在建,114.02,32.98\n");
        // a file refused on reading is reported without the store: it never opens here
        Path bad = tmp.resolve("opening-empty.geojson");
        Files.writeString(bad, "");
        assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> runOpening(new java.util.concurrent.CompletableFuture<>(),
                "import", "projects", bad.toString())).get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("empty_file");
        // a good file waits for the store, then is imported into it
        var store = new java.util.concurrent.CompletableFuture<Database>();
        var status = java.util.concurrent.CompletableFuture.supplyAsync(() -> runOpening(store, "import", "projects", csv.toString()));
        Thread.sleep(300);
        assertThat(status).isNotDone();
        store.complete(db);
        assertThat(status.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(new ProjectStore(db).findByCode("CLI-OPEN")).isPresent();
    }

    @Test
    void a_zone_import_checks_its_records_while_the_store_opens_and_stops_checking_when_refused() throws Exception {
        // 3,000 records: more than the few batches the checking may run ahead of the store
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            double x = 114 + (i % 60) * 0.001;
            double y = 32.9 + (i / 60) * 0.001;
            features.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"code\":\"R").append(i % 3)
                    .append("\",\"编号\":").append(i).append("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[")
                    .append(x).append(',').append(y).append("],[").append(x + 0.0008).append(',').append(y).append("],[")
                    .append(x + 0.0008).append(',').append(y + 0.0008).append("],[").append(x).append(',').append(y).append("]]]}}");
        }
        Path gj = tmp.resolve("early.geojson");
        Files.writeString(gj, "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}");
        var zones = new projmap.zones.ZoneStore(db);

        var store = new java.util.concurrent.CompletableFuture<Database>();
        var status = java.util.concurrent.CompletableFuture.supplyAsync(() -> runOpening(store, "import", "zones", "early", gj.toString(),
                "--kind", "zoning", "--title", "用地"));
        Thread.sleep(300);
        assertThat(status).isNotDone();
        store.complete(db);
        assertThat(status.get(60, java.util.concurrent.TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(zones.features("early", null)).hasSize(3000);

        // a new layer without its kind is refused once the store tells it is new; the checking
        // threads, started before, stop, and nothing is stored
        var opening = new java.util.concurrent.CompletableFuture<Database>();
        var refused = java.util.concurrent.CompletableFuture.supplyAsync(() -> runOpening(opening, "import", "zones", "early-2", gj.toString()));
        Thread.sleep(300);
        opening.complete(db);
        assertThat(refused.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("kind");
        assertThat(zones.layer("early-2")).isEmpty();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (importThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(importThreads()).isZero();
    }

    /** Live threads of an import's reading and checking pipeline. */
    private static long importThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("projmap-import-")).count();
    }

    @Test
    void a_store_that_cannot_open_fails_the_command_with_its_own_error() throws Exception {
        Path csv = tmp.resolve("nostore.csv");
        Files.writeString(csv, "项目编号,项目名称,项目类别,项目状态,经度,纬度\nCLI-NO,无库,公园绿地,在建,114.02,32.98\n");
        IllegalStateException down = new IllegalStateException("PostGIS at 127.0.0.1:1 refused the connection");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        runOpening(java.util.concurrent.CompletableFuture.failedFuture(down), "import", "projects", csv.toString()))
                .isSameAs(down);
        assertThat(new ProjectStore(db).findByCode("CLI-NO")).isEmpty();
    }

    @Test
    void config_args_leave_out_the_exchange_flags() {
        assertThat(ExchangeCommand.configArgs(List.of("import", "projects", "f.csv", "--crs", "EPSG:4547", "--encoding=GBK",
                "--db-url", "jdbc:postgresql://x/y"))).containsExactly("import", "projects", "f.csv", "--db-url", "jdbc:postgresql://x/y");
    }
}
