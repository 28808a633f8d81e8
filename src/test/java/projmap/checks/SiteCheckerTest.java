package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static projmap.testing.Fixtures.wkt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import projmap.checks.SiteReport.BoundaryResult;
import projmap.checks.Verdicts.Boundary;
import projmap.checks.Verdicts.Compatibility;
import projmap.checks.Verdicts.Overall;
import projmap.checks.Verdicts.Restriction;
import projmap.geo.GeodesicMeasure;
import projmap.projects.Category;
import projmap.zones.ZoneFeature;

/** The overlay and the verdicts on the synthetic city, in memory (no store): WKT cases. */
class SiteCheckerTest {
    static final List<LayerIndex> LAYERS = indexes();
    final SiteChecker checker = new SiteChecker(CompatibilityMatrix.defaults(), CheckSettings.defaults());

    static List<LayerIndex> indexes() {
        List<LayerIndex> out = new ArrayList<>();
        long id = 1;
        for (CheckFixtures.LayerData l : CheckFixtures.layers()) {
            List<ZoneFeature> numbered = new ArrayList<>();
            for (ZoneFeature f : l.features()) {
                numbered.add(new ZoneFeature(id++, f.layerId(), f.code(), f.name(), f.attributes(), f.geometry()));
            }
            out.add(LayerIndex.build(l.layer(), numbered));
        }
        return out;
    }

    SiteReport check(String wkt, Category category) {
        return checker.check(SiteInput.of(wkt(wkt), category), LAYERS);
    }

    static BoundaryResult boundary(SiteReport r, String layer) {
        return r.boundaries().stream().filter(b -> b.layer().equals(layer)).findFirst().orElseThrow();
    }

    /** A small square (±0.0003°, about 56 m × 67 m) around a point. */
    static String square(double x, double y) {
        double d = 0.0003;
        return String.format(java.util.Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))",
                x - d, y - d, x + d, y - d, x + d, y + d, x - d, y + d, x - d, y - d);
    }

    @Test
    void site_inside_the_centre_is_inside() {
        SiteReport r = check("POLYGON((114.01 32.97, 114.012 32.97, 114.012 32.972, 114.01 32.972, 114.01 32.97))", null);
        BoundaryResult b = boundary(r, "central-urban-area");
        assertThat(b.verdict()).isEqualTo(Boundary.INSIDE);
        assertThat(b.insideShare()).isEqualTo(1.0);
        assertThat(b.insideAreaM2()).isCloseTo(r.site().areaM2(), within(0.01));
        assertThat(b.distanceM()).isNull();
        assertThat(r.site().areaMu()).isCloseTo(r.site().areaM2() / GeodesicMeasure.M2_PER_MU, within(0.001));
    }

    @Test
    void site_half_outside_the_boundary_is_partial_and_warns() {
        SiteReport r = check("POLYGON((113.995 32.97, 114.005 32.97, 114.005 32.975, 113.995 32.975, 113.995 32.97))",
                Category.ROADS);
        BoundaryResult b = boundary(r, "central-urban-area");
        assertThat(b.verdict()).isEqualTo(Boundary.PARTIAL);
        assertThat(b.insideShare()).isCloseTo(0.5, within(0.001));
        assertThat(r.overall()).isIn(Overall.WARN, Overall.FAIL);
        assertThat(r.reasons()).anySatisfy(reason -> {
            assertThat(reason.zh()).contains("部分位于中心城区外");
            assertThat(reason.en()).contains("Partly outside the central urban area");
        });
    }

    @Test
    void site_outside_the_boundary_gets_its_geodesic_distance() {
        SiteReport r = check("POLYGON((113.98 32.97, 113.985 32.97, 113.985 32.975, 113.98 32.975, 113.98 32.97))", null);
        BoundaryResult b = boundary(r, "central-urban-area");
        assertThat(b.verdict()).isEqualTo(Boundary.OUTSIDE);
        assertThat(b.insideShare()).isZero();
        double expected = GeodesicMeasure.distance(new org.locationtech.jts.geom.Coordinate(113.985, 32.97),
                new org.locationtech.jts.geom.Coordinate(114.00, 32.97));
        assertThat(b.distanceM()).isCloseTo(expected, within(expected * 0.005));
        assertThat(r.reasons()).anySatisfy(reason -> assertThat(reason.en()).contains("Outside the central urban area"));
    }

    @Test
    void site_over_farmland_is_a_conflict_and_fails_with_the_mu_taken() {
        ZoneFeature patch = CheckFixtures.farmland().get(3);
        var env = patch.geometry().getEnvelopeInternal();
        env.expandBy(0.0005);
        String site = wkt("POINT(0 0)").getFactory().toGeometry(env).toText();
        SiteReport r = check(site, Category.PARKS);
        var farm = r.restrictions().get(0);
        assertThat(farm.verdict()).isEqualTo(Restriction.CONFLICT);
        assertThat(farm.features()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("FL-0003");
            assertThat(f.overlapAreaM2()).isCloseTo(GeodesicMeasure.area(patch.geometry()), within(0.01));
        });
        assertThat(farm.overlapAreaMu()).isCloseTo(farm.overlapAreaM2() / GeodesicMeasure.M2_PER_MU, within(0.001));
        assertThat(r.overall()).isEqualTo(Overall.FAIL);
        assertThat(r.reasons().get(0).zh()).startsWith("占用永久基本农田 ");
        assertThat(r.reasons().get(0).en()).startsWith("Takes ").contains("mu").contains("of basic farmland");
    }

    @Test
    void zoning_shares_add_up_and_each_class_is_judged_for_the_category() {
        SiteReport r = check("POLYGON((114.003 32.953, 114.012 32.953, 114.012 32.962, 114.003 32.962, 114.003 32.953))",
                Category.PUBLIC_SERVICES);
        var z = r.zoning().get(0);
        assertThat(z.coveredShare()).isCloseTo(1.0, within(1e-6));
        assertThat(z.classes().stream().mapToDouble(SiteReport.ClassOverlap::share).sum()).isCloseTo(1.0, within(1e-5));
        assertThat(z.classes().stream().mapToDouble(SiteReport.ClassOverlap::overlapAreaM2).sum())
                .isCloseTo(r.site().areaM2(), within(1.0));
        assertThat(z.classes()).allSatisfy(c -> assertThat(c.compatibility()).isNotNull());
        assertThat(z.classes()).filteredOn(c -> c.code().equals("M1"))
                .allSatisfy(c -> assertThat(c.compatibility()).isEqualTo(Compatibility.INCOMPATIBLE));
    }

    @Test
    void a_park_on_industrial_land_fails_and_renewal_on_residential_land_passes() {
        // cell (0,1) is M1 and cell (0,0) is R2 in the fixture grid; both outside every boundary and farmland
        SiteReport park = check(square(114.00125, 32.95375), Category.PARKS);
        assertThat(park.zoning().get(0).classes()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("M1");
            assertThat(c.compatibility()).isEqualTo(Compatibility.INCOMPATIBLE);
        });
        assertThat(park.overall()).isEqualTo(Overall.FAIL);
        assertThat(park.reasons().get(0).en()).contains("M1").contains("incompatible with parks and green space");

        SiteReport renewal = check(square(114.00125, 32.95125), Category.RENEWAL);
        assertThat(renewal.zoning().get(0).classes()).singleElement().satisfies(c -> assertThat(c.code()).isEqualTo("R2"));
        assertThat(renewal.overall()).isEqualTo(Overall.PASS);
    }

    @Test
    void without_a_category_land_use_is_listed_but_not_judged() {
        SiteReport r = check(square(114.00125, 32.95375), null);
        assertThat(r.zoning().get(0).classes()).allSatisfy(c -> assertThat(c.compatibility()).isNull());
        assertThat(r.overall()).isEqualTo(Overall.PASS);
        assertThat(r.reasons()).anySatisfy(reason -> assertThat(reason.en()).contains("No project category given"));
    }

    @Test
    void a_line_across_the_boundary_is_measured_by_length() {
        SiteReport r = check("LINESTRING(113.99 32.97, 114.01 32.97)", Category.ROADS);
        assertThat(r.site().areaM2()).isNull();
        assertThat(r.site().lengthM()).isGreaterThan(1800);
        BoundaryResult b = boundary(r, "central-urban-area");
        assertThat(b.verdict()).isEqualTo(Boundary.PARTIAL);
        assertThat(b.insideShare()).isCloseTo(0.5, within(0.001));
        assertThat(b.insideLengthM()).isCloseTo(r.site().lengthM() / 2, within(1.0));
        assertThat(b.insideAreaM2()).isNull();
    }

    @Test
    void a_line_along_the_boundary_edge_counts_as_inside() {
        SiteReport r = check("LINESTRING(114.005 32.96, 114.035 32.96)", Category.ROADS);
        assertThat(boundary(r, "central-urban-area").verdict()).isEqualTo(Boundary.INSIDE);
    }

    @Test
    void a_point_on_the_boundary_edge_is_inside_and_a_point_beyond_is_outside() {
        assertThat(boundary(check("POINT(114.00 32.97)", null), "central-urban-area").insideShare()).isEqualTo(1.0);
        BoundaryResult out = boundary(check("POINT(113.99 32.97)", null), "central-urban-area");
        assertThat(out.verdict()).isEqualTo(Boundary.OUTSIDE);
        assertThat(out.distanceM()).isCloseTo(934.6, within(2.0));
        BoundaryResult half = boundary(check("MULTIPOINT((114.01 32.97), (113.99 32.97))", null), "central-urban-area");
        assertThat(half.insideShare()).isEqualTo(0.5);
        assertThat(half.verdict()).isEqualTo(Boundary.PARTIAL);
    }

    @Test
    void overlapping_boundary_features_are_not_counted_twice() {
        // demonstration-zone: two squares overlapping over 114.045–114.05; a site across the overlap is inside once
        SiteReport r = check("POLYGON((114.044 32.955, 114.051 32.955, 114.051 32.96, 114.044 32.96, 114.044 32.955))", null);
        BoundaryResult b = boundary(r, "demonstration-zone");
        assertThat(b.insideShare()).isEqualTo(1.0);
        assertThat(b.insideAreaM2()).isCloseTo(r.site().areaM2(), within(0.01));
    }

    @Test
    void a_sliver_below_the_tolerance_is_not_a_conflict_and_one_above_is() {
        LayerIndex farmland = LayerIndex.build(CheckFixtures.layer("basic-farmland", "永久基本农田", "Basic farmland",
                projmap.zones.ZoneKind.RESTRICTION), List.of(new ZoneFeature(1, "basic-farmland", "FL-1", null, "{}",
                wkt("POLYGON((114.07 32.99, 114.08 32.99, 114.08 33.00, 114.07 33.00, 114.07 32.99))"))));
        // 1 cm past the patch's western edge over 11 m: about 0.1 m²
        SiteReport sliver = checker.check(SiteInput.of(wkt("POLYGON((114.069 32.995, 114.0700001 32.995, "
                + "114.0700001 32.9951, 114.069 32.9951, 114.069 32.995))"), null), List.of(farmland));
        assertThat(sliver.restrictions().get(0).overlapAreaM2()).isGreaterThan(0).isLessThan(1.0);
        assertThat(sliver.restrictions().get(0).verdict()).isEqualTo(Restriction.CLEAR);
        assertThat(sliver.overall()).isEqualTo(Overall.PASS);
        // 1 m past it: about 11 m²
        SiteReport more = checker.check(SiteInput.of(wkt("POLYGON((114.069 32.995, 114.07001 32.995, "
                + "114.07001 32.9951, 114.069 32.9951, 114.069 32.995))"), null), List.of(farmland));
        assertThat(more.restrictions().get(0).verdict()).isEqualTo(Restriction.CONFLICT);
    }
}
