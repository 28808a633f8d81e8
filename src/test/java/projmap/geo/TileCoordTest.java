package projmap.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TileCoordTest {
    @Test
    void zoom_zero_is_the_whole_square_world() {
        BBox b = new TileCoord(0, 0, 0).lonLatBounds(0);
        assertThat(b.minLon()).isCloseTo(-180, within(1e-9));
        assertThat(b.maxLon()).isCloseTo(180, within(1e-9));
        assertThat(b.maxLat()).isCloseTo(WebMercator.MAX_LAT, within(1e-9));
    }

    @Test
    void a_z14_tile_of_zhumadian_contains_the_city_centre() {
        // 114.02E 32.98N lies in tile 14/13381/6600 (x = (lon+180)/360*2^z, y from the north)
        BBox b = new TileCoord(14, 13381, 6600).lonLatBounds(0);
        assertThat(b.toEnvelope().contains(114.02, 32.98)).isTrue();
    }

    @Test
    void mercator_round_trips() {
        assertThat(WebMercator.lat(WebMercator.y(32.98))).isCloseTo(32.98, within(1e-12));
        assertThat(WebMercator.lon(WebMercator.x(114.02))).isCloseTo(114.02, within(1e-12));
    }

    @Test
    void coordinates_outside_the_grid_are_refused() {
        assertThatThrownBy(() -> new TileCoord(21, 0, 0)).hasMessageContaining("zoom");
        assertThatThrownBy(() -> new TileCoord(2, 4, 0)).hasMessageContaining("0..3");
        assertThatThrownBy(() -> new TileCoord(2, 0, -1)).hasMessageContaining("0..3");
    }
}
