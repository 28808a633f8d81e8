package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import projmap.geo.Reprojector;

/** A site given in EPSG:4547 / EPSG:4526 (CGCS2000 Gauss–Krüger) gives the same report as in lon/lat. */
class ProjectedInputTest {
    final Reprojector reprojector = new Reprojector();
    final SiteReader reader = new SiteReader(reprojector, CheckSettings.defaults());
    final SiteChecker checker = new SiteChecker(CompatibilityMatrix.defaults(), CheckSettings.defaults());

    static boolean agrees(Double a, Double b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Math.abs(a - b) <= Math.max(1.0, Math.abs(b) * 0.001);
    }

    @Test
    void gauss_krueger_input_gives_the_lon_lat_report() {
        for (String code : new String[] {"EPSG:4547", "EPSG:4526"}) {
            for (RandomSites.Site s : RandomSites.generate(99L, 6)) {
                if (s.kind().equals("line-along-boundary") || s.kind().equals("point-on-edge")) {
                    // exactly on an edge: the round trip through the projection moves a vertex by ~1e-6 m,
                    // which decides the side of the edge it falls on; not a meaningful difference
                    continue;
                }
                var crs = reprojector.require(code, "crs");
                SiteReport lonLat = checker.check(reader.prepare(s.geometry(), null, null, false), SiteCheckerTest.LAYERS);
                SiteReport projected = checker.check(reader.prepare(reprojector.fromLonLat(s.geometry(), crs), null, code, false),
                        SiteCheckerTest.LAYERS);
                String what = code + " " + s.kind() + " " + s.geometry();
                assertThat(projected.site().inputCrs()).isEqualTo(code);
                assertThat(agrees(projected.site().areaM2(), lonLat.site().areaM2())).as(what).isTrue();
                assertThat(agrees(projected.site().lengthM(), lonLat.site().lengthM())).as(what).isTrue();
                assertThat(projected.overall()).as(what).isEqualTo(lonLat.overall());
                for (int i = 0; i < lonLat.boundaries().size(); i++) {
                    var a = projected.boundaries().get(i);
                    var b = lonLat.boundaries().get(i);
                    assertThat(a.verdict()).as(what).isEqualTo(b.verdict());
                    assertThat(agrees(a.insideAreaM2(), b.insideAreaM2())).as(what).isTrue();
                    assertThat(a.insideShare()).as(what).isCloseTo(b.insideShare(), within(0.001));
                }
                assertThat(agrees(projected.restrictions().get(0).overlapAreaM2(), lonLat.restrictions().get(0).overlapAreaM2()))
                        .as(what).isTrue();
                assertThat(projected.zoning().get(0).classes()).hasSameSizeAs(lonLat.zoning().get(0).classes());
            }
        }
    }
}
