package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Server-Timing durations of a tile: milliseconds with two decimals, as String.format("%.2f") wrote them. */
class TileTimingTest {
    @Test
    void nanoseconds_become_milliseconds_with_two_decimals() {
        for (long nanos : new long[] {0, 4_999, 5_000, 70_000, 99_999, 1_000_000, 1_234_567, 9_995_000, 12_345_678_900L}) {
            assertThat(TileService.millis(nanos)).as("%d ns", nanos)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", Math.round(nanos / 1e4) / 100.0));
        }
        assertThat(TileService.millis(70_000)).isEqualTo("0.07");
        assertThat(TileService.millis(1_234_567)).isEqualTo("1.23");
    }
}
