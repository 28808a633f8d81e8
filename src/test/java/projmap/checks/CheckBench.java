package projmap.checks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.io.WKBWriter;
import projmap.App;
import projmap.Config;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneStore;

/**
 * The site-check benchmark (bench/checks.sh runs it; not a test). On a PostGIS store in a fresh
 * schema it builds a synthetic city at the demo city's scale (3 boundaries of ~2,000 vertices,
 * 2,000 farmland patches, 20,164 land-use parcels, 532 projects), starts the server, and measures:
 * one 1 km² site check over HTTP (p50/p90 of 200 sequential POSTs) beside PostGIS doing the same
 * overlay (geography areas per land-use code, farmland, boundaries) in one prepared SQL statement;
 * the whole-programme summary cold (fresh process state, no stored results) and warm; then adds a
 * 1,000,000-parcel zoning layer (generated in SQL) and measures a check against it, again beside
 * PostGIS. The HTTP client runs in the same JVM as the server, on loopback.
 */
public final class CheckBench {
    static final double CX = 114.02;
    static final double CY = 32.98;

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/projmap_bench_checks";
        int runs = Integer.parseInt(System.getProperty("runs", "200"));
        String schema = "bench_" + Long.toHexString(System.nanoTime());
        Config config = Config.embedded(Files.createTempDirectory("projmap-bench")).withDatabase(url, "postgres", "")
                .withPort(0);
        Database db = Database.open(config, schema);
        long t0 = System.nanoTime();
        seed(db);
        System.out.printf(Locale.ROOT, "synthetic city stored in %d ms (schema %s)%n", (System.nanoTime() - t0) / 1_000_000, schema);
        List<String> sites = sites(100);
        App app = App.start(config, db);   // background checks off (Config.embedded): the first summary is cold
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + app.port();
        try (Connection pg = java.sql.DriverManager.getConnection(url + "?currentSchema=" + schema + ",public", "postgres", "")) {
            long s0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            Map<String, Long> threads0 = threadCpuMillis();
            String summary = get(http, base + "/api/checks/summary");
            System.out.printf(Locale.ROOT, "summary-cold (532 projects, indexes built, all checked and stored): %d ms"
                            + " (%d bytes; process CPU %d ms, comparable when the machine is busy; by thread: %s)%n",
                    (System.nanoTime() - s0) / 1_000_000, summary.length(), (processCpuNanos() - cpu0) / 1_000_000,
                    since(threads0, threadCpuMillis()));
            s0 = System.nanoTime();
            get(http, base + "/api/checks/summary");
            System.out.printf(Locale.ROOT, "summary-warm (stored results): %d ms%n", (System.nanoTime() - s0) / 1_000_000);

            // the same full re-check again in this warmed-up process (JIT done): what the cold figure costs beyond JIT
            for (int i = 0; i < Integer.getInteger("recheck", 0); i++) {
                try (Statement st = pg.createStatement()) {
                    st.execute("DELETE FROM site_checks");
                }
                s0 = System.nanoTime();
                cpu0 = processCpuNanos();
                threads0 = threadCpuMillis();
                get(http, base + "/api/checks/summary");
                System.out.printf(Locale.ROOT, "summary-recheck-all (warm process, no stored results): %d ms (process CPU %d ms; by thread: %s)%n",
                        (System.nanoTime() - s0) / 1_000_000, (processCpuNanos() - cpu0) / 1_000_000,
                        since(threads0, threadCpuMillis()));
            }

            // a restart: a new server on the same store, nothing in memory, the stored results current
            app.close();
            app = App.start(config.withChecks(config.checks().withBackground(true)), Database.open(config, schema));
            base = "http://127.0.0.1:" + app.port();
            s0 = System.nanoTime();
            summary = get(http, base + "/api/checks/summary");
            System.out.printf(Locale.ROOT, "summary-after-restart (fresh process state, stored results current): %d ms (%d bytes)%n",
                    (System.nanoTime() - s0) / 1_000_000, summary.length());

            if (Boolean.getBoolean("summaryOnly")) {
                return;
            }
            String checkUrl = base + "/api/checks?category=roads";
            measure("check-1km2-http", runs, i -> post(http, checkUrl, sites.get(i % sites.size())));
            List<byte[]> wkb = sitesWkb(100);
            measurePg(pg, "postgis-one-statement-1km2", runs, wkb, "land-use");

            t0 = System.nanoTime();
            try (Statement st = pg.createStatement()) {
                st.execute("INSERT INTO zone_layers (id, title_zh, title_en, kind, content_hash, updated_at) VALUES"
                        + " ('land-use-1m', '用地规划（百万地块）', 'Land use (1M parcels)', 'zoning', 'bench-1m', now())");
                // 1000 × 1000 cells of 0.0003° (about 28 m × 33 m) around the centre
                st.execute("INSERT INTO zone_features (layer_id, code, attributes, geom) SELECT 'land-use-1m',"
                        + " (ARRAY['R2','A33','B1','M1','S1','G1','E1','R1','U21','W1'])[1 + ((i * 7 + j * 3) % 10)], '{}',"
                        + " public.ST_MakeEnvelope(" + (CX - 0.15) + " + i * 0.0003, " + (CY - 0.15) + " + j * 0.0003, "
                        + (CX - 0.15) + " + (i + 1) * 0.0003, " + (CY - 0.15) + " + (j + 1) * 0.0003, 4326)"
                        + " FROM generate_series(0, 999) i, generate_series(0, 999) j");
                st.execute("ANALYZE zone_features");
            }
            System.out.printf(Locale.ROOT, "1,000,000 parcels generated in PostGIS in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            s0 = System.nanoTime();
            post(http, base + "/api/checks?category=roads", sites.get(0));
            System.out.printf(Locale.ROOT, "first check after the 1M layer appeared (index load and build): %d ms%n",
                    (System.nanoTime() - s0) / 1_000_000);
            measure("check-1km2-http-with-1M-parcels", runs, i -> post(http, checkUrl,
                    sites.get(i % sites.size())));
            measurePg(pg, "postgis-one-statement-1km2-1M-parcels", runs, wkb, "land-use-1m");
        } finally {
            app.close();
            try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** CPU time of this whole process (every thread, JIT and GC included). */
    /** CPU time (ms) of this process's threads by kind, from /proc (Linux): where a cold run's CPU goes. */
    static Map<String, Long> threadCpuMillis() {
        Map<String, Long> out = new java.util.TreeMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return out;
        }
        long hz = 100;   // USER_HZ on Linux
        for (java.io.File task : tasks) {
            try {
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime + stime
                String kind = name.startsWith("C2 ") ? "jit-c2" : name.startsWith("C1 ") ? "jit-c1"
                        : name.startsWith("site-check") ? "site-check" : name.startsWith("JettyServer") ? "jetty"
                        : name.contains("GC") || name.startsWith("G1") ? "gc" : "other";
                out.merge(kind, ticks * 1000 / hz, Long::sum);
            } catch (java.io.IOException | RuntimeException e) {
                // a thread that ended meanwhile
            }
        }
        return out;
    }

    static String since(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder s = new StringBuilder();
        after.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(v - before.getOrDefault(k, 0L)).append(" ms"));
        return s.toString();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    interface Run {
        void run(int i) throws Exception;
    }

    static void measure(String name, int runs, Run r) throws Exception {
        for (int i = 0; i < 30; i++) {
            r.run(i);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.run(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s: p50_ms=%.2f p90_ms=%.2f max_ms=%.2f n=%d%n", name, ms[runs / 2], ms[runs * 9 / 10],
                ms[runs - 1], runs);
    }

    /** The same overlay as a check, in one statement: land use by code, farmland, boundaries, geography areas. */
    static void measurePg(Connection pg, String name, int runs, List<byte[]> sites, String zoning) throws Exception {
        String sql = """
                WITH s AS MATERIALIZED (SELECT public.ST_GeomFromWKB(?, 4326) AS g)
                SELECT 'zoning' AS kind, f.code, sum(public.ST_Area(public.ST_Intersection(f.geom, s.g)::public.geography))
                FROM zone_features f, s WHERE f.layer_id = ? AND f.geom && s.g AND public.ST_Intersects(f.geom, s.g) GROUP BY f.code
                UNION ALL
                SELECT 'restriction', f.code, sum(public.ST_Area(public.ST_Intersection(f.geom, s.g)::public.geography))
                FROM zone_features f, s WHERE f.layer_id = 'basic-farmland' AND f.geom && s.g AND public.ST_Intersects(f.geom, s.g)
                GROUP BY f.code
                UNION ALL
                SELECT 'boundary', f.layer_id, public.ST_Area(public.ST_Intersection(f.geom, s.g)::public.geography)
                FROM zone_features f, s WHERE f.layer_id IN ('central-urban-area', 'demonstration-zone', 'urban-development-boundary')
                AND f.geom && s.g AND public.ST_Intersects(f.geom, s.g)
                """;
        try (PreparedStatement ps = pg.prepareStatement(sql)) {
            measure(name, runs, i -> {
                ps.setBytes(1, sites.get(i % sites.size()));
                ps.setString(2, zoning);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getDouble(3);
                    }
                }
            });
        }
    }

    static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static void post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " " + r.statusCode() + " " + r.body());
        }
    }

    /** 1 km² squares (1 km on a side) rotated at random, within 8 km of the centre. */
    static List<Geometry> siteGeometries(int n) {
        Random rnd = new Random(3);
        List<Geometry> out = new ArrayList<>();
        double cos = Math.cos(Math.toRadians(CY));
        for (int i = 0; i < n; i++) {
            double x = CX + (rnd.nextDouble() - 0.5) * 0.16;
            double y = CY + (rnd.nextDouble() - 0.5) * 0.14;
            double hx = 500 / (111_320 * cos);
            double hy = 500 / 110_900.0;
            Geometry sq = CheckFixtures.F.toGeometry(new org.locationtech.jts.geom.Envelope(x - hx, x + hx, y - hy, y + hy));
            out.add(AffineTransformation.rotationInstance(rnd.nextDouble() * 0.5, x, y).transform(sq));
        }
        return out;
    }

    static List<String> sites(int n) {
        return siteGeometries(n).stream().map(SiteChecker::geoJson).toList();
    }

    static List<byte[]> sitesWkb(int n) {
        WKBWriter w = new WKBWriter(2);
        return siteGeometries(n).stream().map(w::write).toList();
    }

    /** The synthetic city: three ~2,000-vertex boundaries, 2,000 farmland patches, 20,164 parcels, 532 projects. */
    static void seed(Database db) {
        Random rnd = new Random(5);
        ZoneStore zones = new ZoneStore(db);
        zones.replace(CheckFixtures.layer("central-urban-area", "中心城区", "Central urban area", ZoneKind.BOUNDARY),
                List.of(CheckFixtures.feature("central-urban-area", "CUA", null, blob(rnd, CX, CY, 0.08, 2000))));
        zones.replace(CheckFixtures.layer("demonstration-zone", "城乡一体化示范区", "Demonstration zone", ZoneKind.BOUNDARY),
                List.of(CheckFixtures.feature("demonstration-zone", "DZ", null, blob(rnd, CX + 0.06, CY - 0.03, 0.06, 2000))));
        zones.replace(CheckFixtures.layer("urban-development-boundary", "城镇开发边界", "Urban development boundary",
                ZoneKind.BOUNDARY), List.of(CheckFixtures.feature("urban-development-boundary", "UDB", null,
                blob(rnd, CX, CY, 0.12, 2400))));
        List<ZoneFeature> farmland = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double a = rnd.nextDouble() * 2 * Math.PI;
            double r = 0.09 + rnd.nextDouble() * 0.06;
            farmland.add(CheckFixtures.feature("basic-farmland", String.format("FL-%05d", i), null,
                    CheckFixtures.star(rnd, CX + r * Math.cos(a), CY + r * Math.sin(a), 0.001 + rnd.nextDouble() * 0.002,
                            8 + rnd.nextInt(12), 0)));
        }
        zones.replace(CheckFixtures.layer("basic-farmland", "永久基本农田", "Basic farmland", ZoneKind.RESTRICTION), farmland);
        // 142 × 142 jittered parcels of ~0.0021° (about 200 m) over 0.3° × 0.3°
        int n = 142;
        double cell = 0.3 / n;
        Coordinate[][] c = new Coordinate[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                boolean inner = i > 0 && j > 0 && i < n && j < n;
                c[i][j] = new Coordinate(CX - 0.15 + i * cell + (inner ? (rnd.nextDouble() - 0.5) * cell * 0.4 : 0),
                        CY - 0.15 + j * cell + (inner ? (rnd.nextDouble() - 0.5) * cell * 0.4 : 0));
            }
        }
        List<ZoneFeature> parcels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                parcels.add(CheckFixtures.feature("land-use", CheckFixtures.CODES[(i * 7 + j * 3 + (i / 4) * (j / 5))
                        % CheckFixtures.CODES.length], null, CheckFixtures.F.createPolygon(new Coordinate[] {c[i][j].copy(),
                        c[i + 1][j].copy(), c[i + 1][j + 1].copy(), c[i][j + 1].copy(), c[i][j].copy()})));
            }
        }
        zones.replace(CheckFixtures.layer("land-use", "用地规划", "Land-use plan", ZoneKind.ZONING), parcels);
        List<Project> projects = new ArrayList<>();
        Category[] cats = Category.values();
        for (int i = 0; i < 532; i++) {
            double x = CX + (rnd.nextDouble() - 0.5) * 0.26;
            double y = CY + (rnd.nextDouble() - 0.5) * 0.26;
            String wkt = i % 7 == 0 ? String.format(Locale.ROOT, "POINT(%f %f)", x, y)
                    : i % 4 == 0 ? String.format(Locale.ROOT, "LINESTRING(%f %f, %f %f, %f %f)", x, y, x + 0.01, y + 0.002,
                    x + 0.02, y - 0.003)
                    : CheckFixtures.star(rnd, x, y, 0.001 + rnd.nextDouble() * 0.004, 6 + rnd.nextInt(20), 0).toText();
            projects.add(CheckFixtures.project(String.format("ZMD-B%03d", i), cats[i % cats.length], wkt));
        }
        new ProjectStore(db).insertAll(projects, "bench");
    }

    /** A star-shaped ring of {@code n} vertices with a smooth random radius: a city-like boundary. */
    static Geometry blob(Random rnd, double cx, double cy, double r, int n) {
        double cos = Math.cos(Math.toRadians(cy));
        double p1 = rnd.nextDouble() * 6;
        double p2 = rnd.nextDouble() * 6;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            double rr = r * (0.8 + 0.12 * Math.sin(3 * a + p1) + 0.06 * Math.sin(7 * a + p2) + 0.01 * rnd.nextDouble());
            ring[k] = new Coordinate(cx + rr * Math.cos(a) / cos, cy + rr * Math.sin(a));
        }
        ring[n] = ring[0].copy();
        return CheckFixtures.F.createPolygon(ring);
    }
}
