package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import projmap.store.Database;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneStore;

/**
 * The site checker's figures against PostGIS itself, on many generated sites (random polygons,
 * slivers, sites across the boundary, multipolygons with holes, lines, lines along the boundary,
 * points on its edges): every area and length must agree with
 * {@code ST_Area(ST_Intersection(site, zone)::geography)} / {@code ST_Length(…::geography)} within
 * 0.1 % or 1 m² (1 m for lengths), whichever is larger. The layers are read back from each store, so
 * the store's geometry round trip is part of what is tested; the reference is always PostGIS.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgisAgreementTest {
    @Parameter
    StoreKind kind;

    TestDatabase testDb;
    Database db;
    Connection ref;
    List<LayerIndex> layers;
    final SiteChecker checker = new SiteChecker(CompatibilityMatrix.defaults(), CheckSettings.defaults());
    final WKBWriter wkb = new WKBWriter(2);

    // per store: with PER_CLASS a @BeforeAll would run once, before the store parameter is injected
    @BeforeParameterizedClassInvocation
    void setUp(StoreKind kind) throws SQLException {
        this.kind = kind;
        testDb = TestDatabase.create(kind);
        db = testDb.open();
        CheckFixtures.load(db);
        layers = new LayerIndexCache(new projmap.zones.LayerSnapshots(new ZoneStore(db)), java.util.concurrent.ForkJoinPool.commonPool()).current();
        try {
            ref = DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER, TestDatabase.PG_PASSWORD);
        } catch (SQLException e) {
            if (TestDatabase.POSTGIS_REQUIRED) {
                throw e;
            }
            Assumptions.abort("PostGIS (the reference) is not reachable: " + e.getMessage());
        }
        try (Statement st = ref.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public");
        } catch (SQLException e) {
            // created concurrently by another suite: fine
        }
        try (Statement st = ref.createStatement()) {
            st.execute("CREATE TEMP TABLE ref_zone (layer text, kind text, code text, geom public.geometry(Geometry, 4326))");
        }
        try (PreparedStatement ps = ref.prepareStatement(
                "INSERT INTO ref_zone VALUES (?, ?, ?, public.ST_GeomFromWKB(?, 4326))")) {
            for (CheckFixtures.LayerData l : CheckFixtures.layers()) {
                for (ZoneFeature f : l.features()) {
                    ps.setString(1, l.layer().id());
                    ps.setString(2, l.layer().kind().code());
                    ps.setString(3, f.code());
                    ps.setBytes(4, wkb.write(f.geometry()));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    @AfterParameterizedClassInvocation
    void tearDown() throws SQLException {
        if (ref != null) {
            ref.close();
        }
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    static boolean agrees(double ours, double reference, double absolute) {
        return Math.abs(ours - reference) <= Math.max(absolute, Math.abs(reference) * 0.001);
    }

    @Test
    void every_area_and_length_agrees_with_postgis_geography_on_generated_sites() throws SQLException {
        List<RandomSites.Site> sites = RandomSites.generate(20240501L, 25);
        SoftAssertions soft = new SoftAssertions();
        Map<String, Integer> compared = new HashMap<>();
        for (RandomSites.Site s : sites) {
            assertThat(s.geometry().isValid()).as(s.kind() + " " + s.geometry()).isTrue();
            SiteReport r = checker.check(SiteInput.of(s.geometry(), null), layers);
            String what = s.kind() + " " + s.geometry().toText();
            byte[] site = wkb.write(s.geometry());
            int dim = s.geometry().getDimension();
            double tol = 1.0;

            // the site itself
            try (PreparedStatement ps = ref.prepareStatement("SELECT public.ST_Area(g::public.geography),"
                    + " public.ST_Length(g::public.geography) FROM (SELECT public.ST_GeomFromWKB(?, 4326) g) s")) {
                ps.setBytes(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (dim == 2) {
                        soft.assertThat(agrees(r.site().areaM2(), rs.getDouble(1), tol)).as("site area " + r.site().areaM2()
                                + " vs " + rs.getDouble(1) + ": " + what).isTrue();
                    } else if (dim == 1) {
                        soft.assertThat(agrees(r.site().lengthM(), rs.getDouble(2), tol)).as("site length: " + what).isTrue();
                    }
                }
            }
            // boundaries: against the union of each layer's features
            try (PreparedStatement ps = ref.prepareStatement("SELECT layer,"
                    + " public.ST_Area(public.ST_Intersection(s.g, b.u)::public.geography),"
                    + " public.ST_Length(public.ST_Intersection(s.g, b.u)::public.geography), public.ST_Intersects(s.g, b.u)"
                    + " FROM (SELECT layer, public.ST_Union(geom) u FROM ref_zone WHERE kind = 'boundary' GROUP BY layer) b,"
                    + " (SELECT public.ST_GeomFromWKB(?, 4326) g) s")) {
                ps.setBytes(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String layer = rs.getString(1);
                        var b = r.boundaries().stream().filter(x -> x.layer().equals(layer)).findFirst().orElseThrow();
                        if (dim == 2) {
                            soft.assertThat(agrees(b.insideAreaM2(), rs.getDouble(2), tol))
                                    .as(layer + " inside area " + b.insideAreaM2() + " vs " + rs.getDouble(2) + ": " + what).isTrue();
                        } else if (dim == 1) {
                            soft.assertThat(agrees(b.insideLengthM(), rs.getDouble(3), tol))
                                    .as(layer + " inside length " + b.insideLengthM() + " vs " + rs.getDouble(3) + ": " + what).isTrue();
                        } else {
                            soft.assertThat(b.insideShare() == 1.0).as(layer + " point inside: " + what).isEqualTo(rs.getBoolean(4));
                        }
                        compared.merge(s.kind(), 1, Integer::sum);
                    }
                }
            }
            if (dim == 0) {
                continue;
            }
            // restriction and zoning: per code (farmland codes are unique per patch)
            Map<String, Double> ours = new HashMap<>();
            for (var x : r.restrictions()) {
                for (var f : x.features()) {
                    ours.merge(x.layer() + "/" + f.code(), dim == 2 ? f.overlapAreaM2() : f.overlapLengthM(), Double::sum);
                }
            }
            for (var z : r.zoning()) {
                for (var c : z.classes()) {
                    ours.merge(z.layer() + "/" + c.code(), dim == 2 ? c.overlapAreaM2() : c.overlapLengthM(), Double::sum);
                }
            }
            Map<String, Double> theirs = new HashMap<>();
            try (PreparedStatement ps = ref.prepareStatement("SELECT z.layer || '/' || z.code,"
                    + " SUM(public.ST_Area(public.ST_Intersection(z.geom, s.g)::public.geography)),"
                    + " SUM(public.ST_Length(public.ST_Intersection(z.geom, s.g)::public.geography))"
                    + " FROM ref_zone z, (SELECT public.ST_GeomFromWKB(?, 4326) g) s"
                    + " WHERE z.kind <> 'boundary' AND z.geom && s.g AND public.ST_Intersects(z.geom, s.g) GROUP BY 1")) {
                ps.setBytes(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double v = dim == 2 ? rs.getDouble(2) : rs.getDouble(3);
                        if (v > 0.005) {
                            theirs.put(rs.getString(1), v);
                        }
                    }
                }
            }
            for (var e : theirs.entrySet()) {
                double mine = ours.getOrDefault(e.getKey(), 0.0);
                soft.assertThat(agrees(mine, e.getValue(), tol)).as(e.getKey() + " " + mine + " vs PostGIS " + e.getValue()
                        + ": " + what).isTrue();
            }
            for (var e : ours.entrySet()) {
                soft.assertThat(agrees(e.getValue(), theirs.getOrDefault(e.getKey(), 0.0), tol))
                        .as(e.getKey() + " " + e.getValue() + " not in PostGIS: " + what).isTrue();
            }
        }
        soft.assertAll();
        assertThat(compared.keySet()).contains("polygon", "sliver", "across-boundary", "multipolygon-with-holes", "line",
                "line-along-boundary", "point-on-edge");
    }
}
