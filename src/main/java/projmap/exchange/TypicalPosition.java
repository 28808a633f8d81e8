package projmap.exchange;

import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The typical position of a file's records, in the file's own coordinates: the median of the
 * records' centres, not the whole box, so that one row with swapped axes is that row's rejection and
 * not a verdict on the file's CRS. Fed one record at a time, so it can ride along the pass that
 * stores them. A big file's median is taken over at most {@link #SAMPLE} records spread evenly
 * through it: sorting 200,000 centres twice held up the end of an import (its COPY still open)
 * for a tenth of a second, for no better an answer. Not thread-safe.
 */
final class TypicalPosition {
    static final int SAMPLE = 8192;
    private final double[] xs;
    private final double[] ys;
    /** Every how many records one is kept. */
    private final int stride;
    private int seen;
    private int n;

    /** For a file of {@code records} records (more are ignored). */
    TypicalPosition(int records) {
        stride = Math.max(1, (records + SAMPLE - 1) / SAMPLE);
        int kept = (records + stride - 1) / stride;
        xs = new double[kept];
        ys = new double[kept];
    }

    void add(Geometry g) {
        add(centre(g));
    }

    /** A record's centre as {@link #centre} computed it (on whichever thread read the record). */
    void add(Coordinate c) {
        if (seen++ % stride != 0) {
            return;
        }
        if (c != null && n < xs.length && Double.isFinite(c.x) && Double.isFinite(c.y)) {
            xs[n] = c.x;
            ys[n++] = c.y;
        }
    }

    /** The centre of a record's geometry's box; null when it has none. */
    static Coordinate centre(Geometry g) {
        return g == null || g.isEmpty() ? null : g.getEnvelopeInternal().centre();
    }

    /** The median point as a degenerate box; a null box when no record had a usable geometry. */
    Envelope box() {
        Envelope box = new Envelope();
        if (n > 0) {
            Arrays.sort(xs, 0, n);
            Arrays.sort(ys, 0, n);
            box.expandToInclude(xs[n / 2], ys[n / 2]);
        }
        return box;
    }
}
