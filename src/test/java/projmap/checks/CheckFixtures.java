package projmap.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import projmap.geo.Geometries;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;
import projmap.store.Database;
import projmap.testing.Fixtures;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * A small synthetic city near Zhumadian (114.00–114.08°E, 32.94–33.02°N) for the site-check tests:
 * two boundary layers (one with a notch, one of two overlapping squares), 60 farmland patches
 * (some with holes) and a 20 × 20 grid of land-use parcels with jittered shared corners. Seeded:
 * the same every run.
 */
final class CheckFixtures {
    static final GeometryFactory F = Geometries.FACTORY;
    static final String CENTRAL = "POLYGON((114.00 32.96, 114.04 32.96, 114.04 32.98, 114.03 32.98, 114.03 33.00,"
            + " 114.00 33.00, 114.00 32.96))";
    static final String[] CODES = {"R2", "A33", "B1", "M1", "S1", "G1", "E1", "R1", "U21", "W1"};
    static final double GRID_X0 = 114.00;
    static final double GRID_Y0 = 32.95;
    static final double CELL = 0.0025;
    static final int N = 20;

    private CheckFixtures() {
    }

    record LayerData(ZoneLayer layer, List<ZoneFeature> features) {
    }

    static List<LayerData> layers() {
        List<LayerData> out = new ArrayList<>();
        out.add(new LayerData(layer("central-urban-area", "中心城区", "Central urban area", ZoneKind.BOUNDARY),
                List.of(feature("central-urban-area", "CUA", "中心城区", Fixtures.wkt(CENTRAL)))));
        out.add(new LayerData(layer("demonstration-zone", "城乡一体化示范区", "Urban-rural integration demonstration zone",
                ZoneKind.BOUNDARY), List.of(
                feature("demonstration-zone", "DZ-1", "示范区一", Fixtures.wkt(
                        "POLYGON((114.02 32.95, 114.05 32.95, 114.05 32.97, 114.02 32.97, 114.02 32.95))")),
                feature("demonstration-zone", "DZ-2", "示范区二", Fixtures.wkt(
                        "POLYGON((114.045 32.95, 114.06 32.95, 114.06 32.99, 114.045 32.99, 114.045 32.95))")))));
        out.add(new LayerData(layer("basic-farmland", "永久基本农田", "Basic farmland", ZoneKind.RESTRICTION), farmland()));
        out.add(new LayerData(layer("land-use", "用地规划", "Land-use plan", ZoneKind.ZONING), parcels()));
        return out;
    }

    static void load(Database db) {
        ZoneStore zones = new ZoneStore(db);
        for (LayerData l : layers()) {
            zones.replace(l.layer(), l.features());
        }
    }

    static ZoneLayer layer(String id, String zh, String en, ZoneKind kind) {
        return new ZoneLayer(id, zh, en, kind, "2017", "test fixture", null, null);
    }

    static ZoneFeature feature(String layer, String code, String name, Geometry g) {
        return new ZoneFeature(0, layer, code, name, "{}", g);
    }

    /** 60 star-shaped patches east of the centre, every fifth with a hole. */
    static List<ZoneFeature> farmland() {
        Random rnd = new Random(7);
        List<ZoneFeature> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double cx = 114.03 + rnd.nextDouble() * 0.05;
            double cy = 32.94 + rnd.nextDouble() * 0.08;
            double r = 0.001 + rnd.nextDouble() * 0.003;
            Polygon p = star(rnd, cx, cy, r, 6 + rnd.nextInt(10), i % 5 == 0 ? r * 0.3 : 0);
            out.add(feature("basic-farmland", String.format("FL-%04d", i), "基本农田图斑" + i, p));
        }
        return out;
    }

    /** A 20 × 20 grid whose inner corners are jittered (shared by the four parcels around each): a tiling. */
    static List<ZoneFeature> parcels() {
        Random rnd = new Random(11);
        Coordinate[][] corner = new Coordinate[N + 1][N + 1];
        for (int i = 0; i <= N; i++) {
            for (int j = 0; j <= N; j++) {
                boolean inner = i > 0 && j > 0 && i < N && j < N;
                double jx = inner ? (rnd.nextDouble() - 0.5) * CELL * 0.4 : 0;
                double jy = inner ? (rnd.nextDouble() - 0.5) * CELL * 0.4 : 0;
                corner[i][j] = new Coordinate(GRID_X0 + i * CELL + jx, GRID_Y0 + j * CELL + jy);
            }
        }
        List<ZoneFeature> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                Polygon p = F.createPolygon(new Coordinate[] {corner[i][j].copy(), corner[i + 1][j].copy(),
                        corner[i + 1][j + 1].copy(), corner[i][j + 1].copy(), corner[i][j].copy()});
                String code = CODES[(i * 7 + j * 3 + (i / 4) * (j / 5)) % CODES.length];
                out.add(feature("land-use", code, null, p));
            }
        }
        return out;
    }

    /** A star-shaped polygon (always simple), with an optional round-ish hole of radius {@code hole}. */
    static Polygon star(Random rnd, double cx, double cy, double r, int n, double hole) {
        double cos = Math.cos(Math.toRadians(cy));
        Coordinate[] shell = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            double rr = r * (0.5 + rnd.nextDouble() * 0.5);
            shell[k] = new Coordinate(cx + rr * Math.cos(a) / cos, cy + rr * Math.sin(a));
        }
        shell[n] = shell[0].copy();
        LinearRing[] holes = new LinearRing[0];
        if (hole > 0) {
            Coordinate[] h = new Coordinate[7];
            for (int k = 0; k < 6; k++) {
                double a = -2 * Math.PI * k / 6;
                h[k] = new Coordinate(cx + hole * 0.4 * Math.cos(a) / cos, cy + hole * 0.4 * Math.sin(a));
            }
            h[6] = h[0].copy();
            holes = new LinearRing[] {F.createLinearRing(h)};
        }
        return F.createPolygon(F.createLinearRing(shell), holes);
    }

    static Project project(String code, Category category, String wkt) {
        return Fixtures.project(code, "测试项目 " + code, category, ProjectStatus.PLANNED, 1000, wkt);
    }
}
