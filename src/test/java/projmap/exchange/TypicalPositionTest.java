package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/** The median of the records' centres: exact up to {@link TypicalPosition#SAMPLE} records, over an even sample beyond. */
class TypicalPositionTest {
    @Test
    void a_small_file_gives_the_exact_median_and_a_swapped_row_does_not_move_it() {
        int n = TypicalPosition.SAMPLE;
        TypicalPosition p = new TypicalPosition(n);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            // a scattered Zhumadian-like cloud, one record with its axes swapped
            xs[i] = i == 17 ? 33.0 : 113.1 + (i * 7919 % n) * 2.1 / n;
            ys[i] = i == 17 ? 114.0 : 32.3 + (i * 104729 % n) * 1.3 / n;
            p.add(new Coordinate(xs[i], ys[i]));
        }
        Arrays.sort(xs);
        Arrays.sort(ys);
        Envelope box = p.box();
        assertThat(box.getMinX()).isEqualTo(xs[n / 2]);
        assertThat(box.getMinY()).isEqualTo(ys[n / 2]);
        assertThat(box.getMinX()).isBetween(113.1, 115.2);
    }

    @Test
    void a_big_file_gives_the_median_of_an_even_sample_close_to_the_exact_one() {
        int n = 200_000;
        TypicalPosition p = new TypicalPosition(n);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            // the bench's grid: rows of 500 parcels, west to east, then south to north
            xs[i] = 113.1 + (i % 500) * 0.0042;
            ys[i] = 32.3 + (i / 500) * 0.0032;
            p.add(new Coordinate(i % 1000 == 3 ? Double.NaN : xs[i], ys[i]));
        }
        Arrays.sort(xs);
        Arrays.sort(ys);
        Envelope box = p.box();
        assertThat(box.getMinX()).isCloseTo(xs[n / 2], Offset.offset(0.05));
        assertThat(box.getMinY()).isCloseTo(ys[n / 2], Offset.offset(0.05));
    }

    @Test
    void no_usable_centre_gives_a_null_box() {
        TypicalPosition p = new TypicalPosition(3);
        p.add((Coordinate) null);
        p.add(new Coordinate(Double.POSITIVE_INFINITY, 33));
        assertThat(p.box().isNull()).isTrue();
    }
}
