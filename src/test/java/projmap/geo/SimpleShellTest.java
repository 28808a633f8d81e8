package projmap.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * The quick validity proof for small polygons never calls an invalid polygon valid (checked
 * against IsValidOp on random rings full of the hard cases: vertices on a coarse grid so that
 * edges touch, cross, overlap and repeat), and it does accept ordinary parcels.
 */
class SimpleShellTest {
    @Test
    void never_calls_an_invalid_polygon_valid() {
        Random random = new Random(20261202);
        int accepted = 0;
        int validByJts = 0;
        for (int n = 0; n < 200_000; n++) {
            Polygon p = randomRing(random, 3 + random.nextInt(9), random.nextInt(3) == 0 ? 4 : 1000);
            boolean valid = new IsValidOp(p).isValid();
            boolean quick = SimpleShell.certainlyValid(p);
            if (quick) {
                assertThat(valid).as("said valid, IsValidOp disagrees: %s", p).isTrue();
                accepted++;
            }
            if (valid) {
                validByJts++;
            }
        }
        // most of the valid ones take the quick path (the rest have a straight or collinear vertex)
        assertThat(accepted).isGreaterThan(validByJts / 2);
    }

    @Test
    void accepts_ordinary_parcels_and_refuses_what_it_cannot_prove() throws Exception {
        WKTReader wkt = new WKTReader(Geometries.FACTORY);
        assertThat(SimpleShell.certainlyValid(wkt.read("POLYGON ((114 33, 114.004 33, 114.004 33.003, 114 33.003, 114 33))"))).isTrue();
        assertThat(SimpleShell.certainlyValid(wkt.read("POLYGON ((0 0, 4 0, 4 1, 1 1, 1 3, 4 3, 4 4, 0 4, 0 0))"))).isTrue();
        // a repeated vertex is allowed
        assertThat(SimpleShell.certainlyValid(wkt.read("POLYGON ((0 0, 4 0, 4 0, 4 4, 0 4, 0 0))"))).isTrue();
        // a bow tie, a ring touching itself, a spike, a collapsed ring, a hole, two parts: not proven here
        for (String s : new String[] {
                "POLYGON ((0 0, 4 4, 4 0, 0 4, 0 0))",
                "POLYGON ((0 0, 4 0, 2 2, 4 4, 0 4, 2 2, 0 0))",
                "POLYGON ((0 0, 4 0, 4 4, 6 4, 4 4, 0 4, 0 0))",
                "POLYGON ((0 0, 2 0, 4 0, 0 0))",
                "POLYGON ((0 0, 9 0, 9 9, 0 9, 0 0), (1 1, 2 1, 2 2, 1 1))",
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"}) {
            Geometry g = wkt.read(s);
            assertThat(SimpleShell.certainlyValid(g)).as(s).isFalse();
        }
    }

    @Test
    void the_validator_still_names_the_problem_and_where() {
        Polygon bowTie = Geometries.FACTORY.createPolygon(new Coordinate[] {
                new Coordinate(114, 33), new Coordinate(114.01, 33.01), new Coordinate(114.01, 33),
                new Coordinate(114, 33.01), new Coordinate(114, 33)});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeometryValidator.check(bowTie))
                .isInstanceOfSatisfying(GeometryInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_geometry");
                    assertThat(e.getMessage()).contains("Self-intersection").contains("114.005");
                });
    }

    private static Polygon randomRing(Random r, int vertices, int grid) {
        Coordinate[] c = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++) {
            c[i] = grid <= 4 ? new Coordinate(r.nextInt(grid), r.nextInt(grid))
                    : new Coordinate(r.nextDouble() * grid, r.nextDouble() * grid);
            if (i > 0 && r.nextInt(10) == 0) {
                c[i] = c[i - 1].copy();   // repeated vertex
            }
        }
        c[vertices] = c[0].copy();
        return Geometries.FACTORY.createPolygon(c);
    }
}
