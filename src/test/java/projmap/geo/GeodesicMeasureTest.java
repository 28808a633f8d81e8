package projmap.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static projmap.testing.Fixtures.wkt;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class GeodesicMeasureTest {
    static final String SQUARE = "POLYGON((114.01 32.97, 114.02 32.97, 114.02 32.98, 114.01 32.98, 114.01 32.97))";

    @Test
    void a_hundredth_of_a_degree_square_at_zhumadian_is_about_one_square_kilometre() {
        // 0.01° of longitude at 32.975°N ≈ 934.6 m, 0.01° of latitude ≈ 1109.2 m
        assertThat(GeodesicMeasure.area(wkt(SQUARE))).isCloseTo(934.6 * 1109.2, Offset.offset(5_000.0));
    }

    @Test
    void a_ring_measures_the_same_whichever_way_it_turns() {
        String clockwise = "POLYGON((114.01 32.97, 114.01 32.98, 114.02 32.98, 114.02 32.97, 114.01 32.97))";
        assertThat(GeodesicMeasure.area(wkt(clockwise))).isCloseTo(GeodesicMeasure.area(wkt(SQUARE)), within(1e-6));
    }

    @Test
    void holes_are_subtracted_and_parts_are_added() {
        String hole = "POLYGON((114.012 32.972, 114.014 32.972, 114.014 32.974, 114.012 32.974, 114.012 32.972))";
        double shell = GeodesicMeasure.area(wkt(SQUARE));
        double h = GeodesicMeasure.area(wkt(hole));
        String withHole = "POLYGON((114.01 32.97, 114.02 32.97, 114.02 32.98, 114.01 32.98, 114.01 32.97),"
                + "(114.012 32.972, 114.014 32.972, 114.014 32.974, 114.012 32.974, 114.012 32.972))";
        assertThat(GeodesicMeasure.area(wkt(withHole))).isCloseTo(shell - h, within(1e-3));
        String multi = "MULTIPOLYGON(((114.01 32.97, 114.02 32.97, 114.02 32.98, 114.01 32.98, 114.01 32.97)),"
                + "((114.03 32.97, 114.04 32.97, 114.04 32.98, 114.03 32.98, 114.03 32.97)))";
        assertThat(GeodesicMeasure.area(wkt(multi))).isCloseTo(2 * shell, within(shell * 1e-3));
    }

    @Test
    void lines_have_length_and_no_area_points_and_polygons_no_length() {
        assertThat(GeodesicMeasure.length(wkt("LINESTRING(114.01 32.97, 114.01 32.98)"))).isCloseTo(1109.2, within(1.0));
        assertThat(GeodesicMeasure.area(wkt("LINESTRING(114.01 32.97, 114.01 32.98)"))).isZero();
        assertThat(GeodesicMeasure.length(wkt(SQUARE))).isZero();
        assertThat(GeodesicMeasure.length(wkt("POINT(114 33)"))).isZero();
        assertThat(GeodesicMeasure.area(wkt("POLYGON EMPTY"))).isZero();
    }

    @Test
    void distance_between_disjoint_geometries_is_geodesic_and_zero_when_they_meet() {
        double d = GeodesicMeasure.distance(wkt("POINT(114.00 32.97)"), wkt(SQUARE));
        assertThat(d).isCloseTo(GeodesicMeasure.distance(new Coordinate(114.00, 32.97), new Coordinate(114.01, 32.97)),
                within(0.01));
        assertThat(d).isCloseTo(934.6, within(1.0));
        assertThat(GeodesicMeasure.distance(wkt("POINT(114.015 32.975)"), wkt(SQUARE))).isZero();
        var target = new GeodesicMeasure.DistanceTarget(wkt(SQUARE));
        assertThat(target.distanceFrom(wkt("POINT(114.015 32.99)"))).isCloseTo(1109.2, within(1.0));
    }
}
