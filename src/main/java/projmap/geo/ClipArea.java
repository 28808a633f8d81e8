package projmap.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.triangulate.polygon.PolygonTriangulator;

/**
 * How much of a polygonal site lies inside one fixed polygon (a parcel, a farmland patch), as a
 * geodesic area, without a general overlay. The polygon is cut into triangles once; each ring of
 * the site is clipped to each triangle it meets (Sutherland–Hodgman, exact for a convex window)
 * and the pieces are measured with GeographicLib like any ring. The triangles do not overlap, so
 * the pieces add up to the part inside the polygon: the same figure as the geodesic area of
 * {@code ST_Intersection(site, polygon)}, both taking straight edges in longitude/latitude.
 *
 * <p>Why: a site check meets dozens of parcels, and the overlay (noding, a topology graph, polygon
 * building) was most of a check's time — and on a cold start most of what the JIT had to compile.
 * Areas only: a clipped concave ring may carry zero-width spurs along a triangle's edge, which add
 * no area. Immutable and thread-safe once made.
 */
public final class ClipArea {
    /** Triangles as x0, y0, x1, y1, x2, y2 (lon/lat), each counter-clockwise. */
    private final double[] triangles;
    private final Envelope[] boxes;

    private ClipArea(double[] triangles, Envelope[] boxes) {
        this.triangles = triangles;
        this.boxes = boxes;
    }

    /**
     * The polygon cut into triangles, or null when it cannot be cut cleanly (the triangles must
     * cover exactly its area; else the caller keeps the overlay).
     */
    public static ClipArea of(Geometry polygon) {
        if (!(polygon instanceof Polygonal) || polygon.isEmpty()) {
            return null;
        }
        Geometry cut;
        try {
            cut = PolygonTriangulator.triangulate(polygon);
        } catch (RuntimeException e) {
            return null;   // degenerate rings: the overlay copes
        }
        int n = cut.getNumGeometries();
        double[] t = new double[n * 6];
        Envelope[] boxes = new Envelope[n];
        double sum = 0;
        int kept = 0;
        for (int g = 0; g < n; g++) {
            Coordinate[] c = ((Polygon) cut.getGeometryN(g)).getExteriorRing().getCoordinates();
            if (c.length != 4) {
                return null;
            }
            double cross = (c[1].x - c[0].x) * (c[2].y - c[0].y) - (c[1].y - c[0].y) * (c[2].x - c[0].x);
            if (cross == 0) {
                continue;   // a flat triangle holds no area (and would keep everything as its window)
            }
            int i = kept++;
            int second = cross > 0 ? 1 : 2;   // counter-clockwise, so that "inside" is left of each edge
            int third = cross > 0 ? 2 : 1;
            t[i * 6] = c[0].x;
            t[i * 6 + 1] = c[0].y;
            t[i * 6 + 2] = c[second].x;
            t[i * 6 + 3] = c[second].y;
            t[i * 6 + 4] = c[third].x;
            t[i * 6 + 5] = c[third].y;
            boxes[i] = new Envelope(c[0], c[1]);
            boxes[i].expandToInclude(c[2]);
            sum += Math.abs(cross) / 2;
        }
        double area = polygon.getArea();
        if (Math.abs(sum - area) > 1e-9 * Math.max(area, 1e-12)) {
            return null;   // the triangles would not measure the polygon: keep the overlay
        }
        return new ClipArea(java.util.Arrays.copyOf(t, kept * 6), java.util.Arrays.copyOf(boxes, kept));
    }

    /** The geodesic area (m²) of {@code site} (Polygon or MultiPolygon, lon/lat) inside the polygon. */
    public double insideAreaOf(Geometry site) {
        Envelope siteBox = site.getEnvelopeInternal();
        double total = 0;
        Ring work = new Ring();
        for (int k = 0; k < boxes.length; k++) {
            if (!boxes[k].intersects(siteBox)) {
                continue;
            }
            for (int p = 0; p < site.getNumGeometries(); p++) {
                Polygon part = (Polygon) site.getGeometryN(p);
                if (!part.getEnvelopeInternal().intersects(boxes[k])) {
                    continue;
                }
                total += clippedArea(part.getExteriorRing().getCoordinateSequence(), k, work);
                for (int h = 0; h < part.getNumInteriorRing(); h++) {
                    total -= clippedArea(part.getInteriorRingN(h).getCoordinateSequence(), k, work);
                }
            }
        }
        return Math.max(0, total);
    }

    /** The unsigned geodesic area of the ring's part inside triangle {@code k}. */
    private double clippedArea(CoordinateSequence ring, int k, Ring work) {
        work.load(ring);
        int o = k * 6;
        for (int edge = 0; edge < 3 && work.size > 0; edge++) {
            int a = o + edge * 2;
            int b = o + ((edge + 1) % 3) * 2;
            work.clip(triangles[a], triangles[a + 1], triangles[b], triangles[b + 1]);
        }
        if (work.size < 3) {
            return 0;
        }
        PolygonArea measure = new PolygonArea(Geodesic.WGS84, false);
        for (int i = 0; i < work.size; i++) {
            measure.AddPoint(work.ys[i], work.xs[i]);
        }
        return Math.abs(measure.Compute(false, true).area);
    }

    /** An open ring of positions being clipped, reusing its arrays from ring to ring. */
    private static final class Ring {
        double[] xs = new double[16];
        double[] ys = new double[16];
        int size;
        private double[] nx = new double[16];
        private double[] ny = new double[16];

        void load(CoordinateSequence ring) {
            int n = ring.size() - 1;   // the closing position repeats the first
            ensure(n);
            for (int i = 0; i < n; i++) {
                xs[i] = ring.getX(i);
                ys[i] = ring.getY(i);
            }
            size = Math.max(n, 0);
        }

        /** Keeps the part left of the line a→b (Sutherland–Hodgman, one edge of the window). */
        void clip(double ax, double ay, double bx, double by) {
            double ex = bx - ax;
            double ey = by - ay;
            int out = 0;
            ensureNext(size * 2);
            double px = xs[size - 1];
            double py = ys[size - 1];
            double pSide = ex * (py - ay) - ey * (px - ax);
            for (int i = 0; i < size; i++) {
                double cx = xs[i];
                double cy = ys[i];
                double cSide = ex * (cy - ay) - ey * (cx - ax);
                if (cSide >= 0) {
                    if (pSide < 0) {
                        double t = pSide / (pSide - cSide);
                        nx[out] = px + t * (cx - px);
                        ny[out++] = py + t * (cy - py);
                    }
                    nx[out] = cx;
                    ny[out++] = cy;
                } else if (pSide >= 0) {
                    double t = pSide / (pSide - cSide);
                    nx[out] = px + t * (cx - px);
                    ny[out++] = py + t * (cy - py);
                }
                px = cx;
                py = cy;
                pSide = cSide;
            }
            double[] swap = xs;
            xs = nx;
            nx = swap;
            swap = ys;
            ys = ny;
            ny = swap;
            size = out;
        }

        private void ensure(int n) {
            if (xs.length < n) {
                xs = new double[n * 2];
                ys = new double[n * 2];
            }
        }

        private void ensureNext(int n) {
            if (nx.length < n) {
                nx = new double[n];
                ny = new double[n];
            }
            if (xs.length < n) {
                xs = java.util.Arrays.copyOf(xs, n);
                ys = java.util.Arrays.copyOf(ys, n);
            }
        }
    }
}
