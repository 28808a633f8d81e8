package projmap.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static projmap.testing.Fixtures.wkt;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class ReprojectorTest {
    final Reprojector reprojector = new Reprojector();

    @Test
    void zhumadian_centre_in_epsg_4547_and_4526_matches_gdal() {
        // crs.md: (114.02°E, 32.98°N) → EPSG:4547 E 501 869, N 3 650 530; EPSG:4526 E 38 501 869 (gdaltransform)
        Geometry p = wkt("POINT(114.02 32.98)");
        Coordinate gk = reprojector.fromLonLat(p, reprojector.require("EPSG:4547", "crs")).getCoordinate();
        assertThat(gk.x).isCloseTo(501_869, within(1.0));
        assertThat(gk.y).isCloseTo(3_650_530, within(1.0));
        Coordinate prefixed = reprojector.fromLonLat(p, reprojector.require("EPSG:4526", "crs")).getCoordinate();
        assertThat(prefixed.x).isCloseTo(38_501_869, within(1.0));
    }

    @Test
    void a_projected_site_comes_back_to_the_same_lon_lat() {
        Geometry site = wkt("POLYGON((114.01 32.97, 114.02 32.97, 114.02 32.98, 114.01 32.98, 114.01 32.97))");
        var crs = reprojector.require("urn:ogc:def:crs:EPSG::4547", "crs");
        Geometry back = reprojector.toLonLat(reprojector.fromLonLat(site, crs), crs);
        for (int i = 0; i < site.getNumPoints(); i++) {
            assertThat(back.getCoordinates()[i].distance(site.getCoordinates()[i])).isLessThan(1e-9);
        }
        assertThat(back.getSRID()).isEqualTo(4326);
    }

    @Test
    void lon_lat_names_pass_through_and_unknown_names_are_refused() {
        for (String name : new String[] {"EPSG:4326", "EPSG:4490", "4490", "CRS84", "OGC:CRS84",
                "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/EPSG/0/4326"}) {
            assertThat(reprojector.resolve(name)).as(name).hasValueSatisfying(c -> assertThat(c.lonLat()).isTrue());
        }
        assertThat(reprojector.resolve("http://www.opengis.net/def/crs/EPSG/0/4547")).hasValueSatisfying(
                c -> assertThat(c.epsg()).isEqualTo(4547));
        assertThat(reprojector.resolve("EPSG:999999")).isEmpty();
        assertThat(reprojector.resolve("Gauss-Kruger")).isEmpty();
        assertThatThrownBy(() -> reprojector.require("EPSG:12", "crs")).isInstanceOf(GeometryInputException.class)
                .hasMessageContaining("unknown coordinate reference system 'EPSG:12'")
                .extracting(e -> ((GeometryInputException) e).code()).isEqualTo("unknown_crs");
    }
}
