package projmap.geo;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * A quick proof that a small polygon without holes is valid, for the common case of a bulk import
 * (land parcels of four to a few dozen vertices): the shell is closed, has three or more distinct
 * vertices, no two edges that do not share a vertex touch, and no two consecutive edges are
 * collinear. Such a ring is simple and bounds an area, so the polygon is valid in the OGC sense.
 *
 * <p>It only ever answers "certainly valid"; anything else (holes, many vertices, several parts,
 * a collinear or touching pair) is left to {@link org.locationtech.jts.operation.valid.IsValidOp},
 * which also names the problem and where it is. {@code IsValidOp} builds a noding index per
 * geometry, which made validity a third of the checking work of a 200,000-parcel import; this
 * test compares every pair of edges (n² for n ≤ {@link #MAX_VERTICES}) with JTS's robust
 * orientation predicate, so a false "valid" is not possible through rounding. Stateless, thread-safe.
 */
final class SimpleShell {
    /** Up to this many vertices the pairwise test is cheaper than building the index. */
    static final int MAX_VERTICES = 24;

    private SimpleShell() {
    }

    static boolean certainlyValid(Geometry g) {
        if (!(g instanceof Polygon p) || p.getNumInteriorRing() > 0) {
            return false;
        }
        CoordinateSequence ring = p.getExteriorRing().getCoordinateSequence();
        int size = ring.size();
        if (size < 4 || size > MAX_VERTICES) {
            return false;
        }
        // the distinct consecutive vertices, closing vertex last (as the ring's first)
        Coordinate[] v = new Coordinate[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            Coordinate c = ring.getCoordinate(i);
            if (n == 0 || !c.equals2D(v[n - 1])) {
                v[n++] = c;
            }
        }
        if (n < 4 || !v[0].equals2D(v[n - 1])) {
            return false;   // too few distinct points, or not closed
        }
        int edges = n - 1;
        for (int i = 0; i < edges; i++) {
            // consecutive edges (i, i+1) must turn: a straight or back-tracking pair goes to IsValidOp
            Coordinate a = v[i];
            Coordinate b = v[i + 1];
            Coordinate c = v[(i + 2) % n == 0 ? 1 : i + 2];
            if (Orientation.index(a, b, c) == Orientation.COLLINEAR) {
                return false;
            }
            for (int j = i + 2; j < edges; j++) {
                if (i == 0 && j == edges - 1) {
                    continue;   // the last edge shares the first vertex with the first edge
                }
                if (mayTouch(a, b, v[j], v[j + 1])) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * False only when segments ab and cd certainly do not meet: one of them lies strictly on one
     * side of the other's line (exact orientation signs; a zero sign counts as "may touch").
     */
    private static boolean mayTouch(Coordinate a, Coordinate b, Coordinate c, Coordinate d) {
        if (Math.max(a.x, b.x) < Math.min(c.x, d.x) || Math.max(c.x, d.x) < Math.min(a.x, b.x)
                || Math.max(a.y, b.y) < Math.min(c.y, d.y) || Math.max(c.y, d.y) < Math.min(a.y, b.y)) {
            return false;
        }
        int c1 = Orientation.index(a, b, c);
        int c2 = Orientation.index(a, b, d);
        if (c1 != Orientation.COLLINEAR && c1 == c2) {
            return false;   // c and d strictly on one side of ab
        }
        int a1 = Orientation.index(c, d, a);
        int a2 = Orientation.index(c, d, b);
        return a1 == Orientation.COLLINEAR || a1 != a2;   // else a and b strictly on one side of cd
    }
}
