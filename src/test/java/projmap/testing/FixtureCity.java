package projmap.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * A small deterministic city around 114.02°E 32.98°N, for map-layer tests that must not depend
 * on the demo data: three boundaries, 240 farmland patches, a 30 × 30 grid of land-use parcels
 * sharing their edges, and 60 projects (polygons, points, lines; every status and category).
 */
public final class FixtureCity {
    public static final double LON0 = 113.92;
    public static final double LAT0 = 32.88;
    /** Side of a land-use parcel in degrees (about 600 m). */
    public static final double CELL = 0.2 / 30;
    public static final int PROJECTS = 60;
    public static final String[] CODES = {"R2", "B1", "M1", "S1", "G1", "A33"};

    private FixtureCity() {
    }

    /** Fills an empty store (the server then skips the demo city). */
    public static void seed(Database db) {
        ZoneStore zones = new ZoneStore(db);
        zones.replace(layer("central-urban-area", "中心城区", "Central urban area", ZoneKind.BOUNDARY),
                List.of(feature("central-urban-area", "CUA", "中心城区", box(113.95, 32.91, 114.09, 33.05))));
        zones.replace(layer("demonstration-zone", "城乡一体化示范区", "Demonstration zone", ZoneKind.BOUNDARY),
                List.of(feature("demonstration-zone", "DZ", "示范区", box(114.03, 32.92, 114.10, 32.99))));
        zones.replace(layer("urban-development-boundary", "城镇开发边界", "Urban development boundary", ZoneKind.BOUNDARY),
                List.of(feature("urban-development-boundary", "UDB", "开发边界",
                        "POLYGON ((113.93 32.89, 114.11 32.89, 114.11 33.07, 114.02 33.09, 113.93 33.07, 113.93 32.89))")));
        List<ZoneFeature> farmland = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            double lon = 113.80 + (i % 20) * 0.005;
            double lat = 32.80 + (i / 20) * 0.004;
            farmland.add(feature("basic-farmland", String.format(Locale.ROOT, "JBNT-%04d", i), "基本农田",
                    box(lon, lat, lon + 0.003, lat + 0.0025)));
        }
        zones.replace(layer("basic-farmland", "基本农田", "Basic farmland", ZoneKind.RESTRICTION), farmland);
        List<ZoneFeature> parcels = new ArrayList<>();
        for (int r = 0; r < 30; r++) {
            for (int c = 0; c < 30; c++) {
                double lon = LON0 + c * CELL;
                double lat = LAT0 + r * CELL;
                String code = CODES[(r / 3 + c / 4) % CODES.length];
                parcels.add(feature("land-use", code, code + "用地", box(lon, lat, lon + CELL, lat + CELL)));
            }
        }
        zones.replace(layer("land-use", "用地规划", "Land-use plan", ZoneKind.ZONING), parcels);

        List<Project> projects = new ArrayList<>();
        ProjectStatus[] statuses = ProjectStatus.values();
        Category[] categories = Category.values();
        for (int i = 0; i < PROJECTS; i++) {
            double lon = 113.96 + (i % 10) * 0.012;
            double lat = 32.93 + (i / 10) * 0.015;
            String wkt = switch (i % 3) {
                case 0 -> box(lon, lat, lon + 0.004, lat + 0.003);
                case 1 -> String.format(Locale.ROOT, "POINT (%.6f %.6f)", lon, lat);
                default -> String.format(Locale.ROOT, "LINESTRING (%.6f %.6f, %.6f %.6f, %.6f %.6f)",
                        lon, lat, lon + 0.005, lat + 0.001, lon + 0.009, lat - 0.002);
            };
            projects.add(Fixtures.project(String.format(Locale.ROOT, "ZMD-T-%03d", i), "测试项目" + i + "号",
                    categories[i % categories.length], statuses[i % statuses.length], 1000 + i * 10L, wkt));
        }
        new ProjectStore(db).insertAll(projects, "test");
    }

    static ZoneLayer layer(String id, String zh, String en, ZoneKind kind) {
        return new ZoneLayer(id, zh, en, kind, "2017", "test fixture", null, null);
    }

    static ZoneFeature feature(String layer, String code, String name, String wkt) {
        return new ZoneFeature(0, layer, code, name, "{\"plan\":\"fixture\"}", Fixtures.wkt(wkt));
    }

    public static String box(double minLon, double minLat, double maxLon, double maxLat) {
        return String.format(Locale.ROOT, "POLYGON ((%.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f))",
                minLon, minLat, maxLon, minLat, maxLon, maxLat, minLon, maxLat, minLon, minLat);
    }
}
