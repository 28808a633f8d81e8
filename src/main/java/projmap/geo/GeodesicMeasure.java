package projmap.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Areas, lengths and distances of lon/lat geometries (SRID 4326; CGCS2000 treated as WGS84) on the
 * WGS84 ellipsoid, with GeographicLib — the library and the edge model (geodesic edges) that
 * PostGIS uses for {@code geography}, so that {@code area(g)} agrees with
 * {@code ST_Area(g::geography)} and {@code length(g)} with {@code ST_Length(g::geography)} to
 * within rounding.
 *
 * <p>Edge cases: an empty geometry measures 0; points and lines have no area; points and polygons
 * have no length (as in PostGIS, a polygon's boundary is not its length); a polygon's holes are
 * subtracted from its shell; the parts of a multi-geometry or a collection are added. Rings are
 * measured whichever way they turn. Stateless and thread-safe (GeographicLib's {@link Geodesic} is
 * immutable; each call makes its own {@link PolygonArea}).
 */
public final class GeodesicMeasure {
    private static final Geodesic WGS84 = Geodesic.WGS84;

    /** Square metres in one mu (亩): 10000/15. */
    public static final double M2_PER_MU = 10000.0 / 15.0;

    private GeodesicMeasure() {
    }

    /** The geodesic area in m² of the polygonal parts of {@code g}. */
    public static double area(Geometry g) {
        if (g == null || g.isEmpty()) {
            return 0;
        }
        if (g instanceof Polygon p) {
            double a = ringArea(p.getExteriorRing().getCoordinateSequence());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                a -= ringArea(p.getInteriorRingN(i).getCoordinateSequence());
            }
            return Math.max(a, 0);
        }
        double sum = 0;
        if (g instanceof GeometryCollection) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                sum += area(g.getGeometryN(i));
            }
        }
        return sum;
    }

    /** The geodesic length in metres of the linear parts of {@code g} (0 for points and polygons). */
    public static double length(Geometry g) {
        if (g == null || g.isEmpty()) {
            return 0;
        }
        if (g instanceof LineString line) {
            return lineLength(line.getCoordinateSequence());
        }
        double sum = 0;
        if (g instanceof GeometryCollection) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                sum += length(g.getGeometryN(i));
            }
        }
        return sum;
    }

    /** The geodesic distance in metres between two lon/lat positions. */
    public static double distance(Coordinate a, Coordinate b) {
        GeodesicData d = WGS84.Inverse(a.y, a.x, b.y, b.x, GeodesicMask.DISTANCE);
        return d.s12;
    }

    /**
     * The geodesic distance in metres between two geometries (0 when they meet). The nearest pair
     * of points is found in a local equirectangular frame (longitudes scaled by the cosine of the
     * mean latitude, which makes the frame locally conformal), and the distance between that pair
     * is then measured on the ellipsoid. Over a city (≤ 1° of latitude) the pair chosen this way is
     * the geodesically nearest one or within centimetres of it.
     */
    public static double distance(Geometry a, Geometry b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return Double.NaN;
        }
        if (a.intersects(b)) {
            return 0;
        }
        LocalFrame frame = LocalFrame.around(a, b);
        Coordinate[] pair = IndexedFacetDistance.nearestPoints(frame.toLocal(a), frame.toLocal(b));
        return distance(frame.toLonLat(pair[0]), frame.toLonLat(pair[1]));
    }

    /**
     * One fixed geometry (a boundary) that the distance of many sites is asked to: its facets are
     * indexed once in a local frame around it. Thread-safe ({@link IndexedFacetDistance} only reads
     * its index after construction).
     */
    public static final class DistanceTarget {
        private final Geometry target;
        private final LocalFrame frame;
        private final IndexedFacetDistance index;

        public DistanceTarget(Geometry target) {
            this.target = target;
            this.frame = LocalFrame.around(target, target);
            this.index = new IndexedFacetDistance(frame.toLocal(target));
        }

        /** The geodesic distance in metres from {@code g} to the target (0 when they meet). */
        public double distanceFrom(Geometry g) {
            if (g.isEmpty() || target.isEmpty()) {
                return Double.NaN;
            }
            Coordinate[] pair = index.nearestPoints(frame.toLocal(g));
            return distance(frame.toLonLat(pair[0]), frame.toLonLat(pair[1]));
        }
    }

    /**
     * A local equirectangular frame: x = lon·cos(lat0), y = lat. Used only to choose nearest
     * points, never to measure.
     */
    public record LocalFrame(double cosLat0) {
        public static LocalFrame around(Geometry a, Geometry b) {
            var env = a.getEnvelopeInternal().copy();
            env.expandToInclude(b.getEnvelopeInternal());
            return new LocalFrame(Math.cos(Math.toRadians(env.centre().y)));
        }

        public Geometry toLocal(Geometry g) {
            return AffineTransformation.scaleInstance(cosLat0, 1).transform(g);
        }

        public Coordinate toLonLat(Coordinate c) {
            return new Coordinate(c.x / cosLat0, c.y);
        }
    }

    private static double ringArea(CoordinateSequence ring) {
        int n = ring.size();
        if (n < 4) {
            return 0;
        }
        PolygonArea poly = new PolygonArea(WGS84, false);
        // the closing position repeats the first; GeographicLib closes the ring itself
        for (int i = 0; i < n - 1; i++) {
            poly.AddPoint(ring.getY(i), ring.getX(i));
        }
        // signed (sign=true) so that a clockwise ring gives −A rather than the rest of the earth
        return Math.abs(poly.Compute(false, true).area);
    }

    private static double lineLength(CoordinateSequence seq) {
        double sum = 0;
        for (int i = 1; i < seq.size(); i++) {
            sum += WGS84.Inverse(seq.getY(i - 1), seq.getX(i - 1), seq.getY(i), seq.getX(i), GeodesicMask.DISTANCE).s12;
        }
        return sum;
    }
}
