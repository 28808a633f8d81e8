package projmap.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Generated test sites over the synthetic city (seeded, so a failure can be replayed): random
 * star-shaped polygons, thin slivers, polygons across the central boundary, multipolygons with holes,
 * random polylines, lines running along the boundary's edges, and points on its edges.
 */
final class RandomSites {
    record Site(String kind, Geometry geometry) {
    }

    private RandomSites() {
    }

    static List<Site> generate(long seed, int perKind) {
        Random rnd = new Random(seed);
        var f = CheckFixtures.F;
        List<Site> out = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            double r = 0.0005 + rnd.nextDouble() * 0.015;
            out.add(new Site("polygon", CheckFixtures.star(rnd, 113.99 + rnd.nextDouble() * 0.09,
                    32.94 + rnd.nextDouble() * 0.08, r, 3 + rnd.nextInt(25), 0)));
        }
        for (int i = 0; i < perKind; i++) {
            // 0.3–2 m wide, 200–2000 m long, any direction
            double len = (0.002 + rnd.nextDouble() * 0.018);
            double wid = (0.3 + rnd.nextDouble() * 1.7) / 111_000;
            double cx = 114.0 + rnd.nextDouble() * 0.07;
            double cy = 32.95 + rnd.nextDouble() * 0.06;
            Geometry rect = f.toGeometry(new org.locationtech.jts.geom.Envelope(cx - len / 2, cx + len / 2, cy - wid / 2,
                    cy + wid / 2));
            out.add(new Site("sliver", AffineTransformation.rotationInstance(rnd.nextDouble() * Math.PI, cx, cy).transform(rect)));
        }
        Coordinate[] edge = CheckFixtures.F.createPolygon(f.createLinearRing(
                projmap.testing.Fixtures.wkt(CheckFixtures.CENTRAL).getCoordinates())).getCoordinates();
        for (int i = 0; i < perKind; i++) {
            Coordinate on = pointOnRing(rnd, edge);
            out.add(new Site("across-boundary", CheckFixtures.star(rnd, on.x, on.y, 0.0005 + rnd.nextDouble() * 0.004,
                    4 + rnd.nextInt(12), 0)));
        }
        for (int i = 0; i < perKind; i++) {
            int parts = 2 + rnd.nextInt(2);
            Polygon[] ps = new Polygon[parts];
            double x = 113.995 + rnd.nextDouble() * 0.05;
            double y = 32.945 + rnd.nextDouble() * 0.05;
            for (int k = 0; k < parts; k++) {
                double r = 0.001 + rnd.nextDouble() * 0.003;
                ps[k] = CheckFixtures.star(rnd, x + k * 0.012, y + rnd.nextDouble() * 0.01, r, 5 + rnd.nextInt(10), r);
            }
            out.add(new Site("multipolygon-with-holes", f.createMultiPolygon(ps)));
        }
        for (int i = 0; i < perKind; i++) {
            int n = 2 + rnd.nextInt(9);
            Coordinate[] cs = new Coordinate[n];
            double x = 113.99 + rnd.nextDouble() * 0.08;
            double y = 32.94 + rnd.nextDouble() * 0.08;
            for (int k = 0; k < n; k++) {
                cs[k] = new Coordinate(x, y);
                x += (rnd.nextDouble() - 0.5) * 0.01;
                y += (rnd.nextDouble() - 0.5) * 0.01;
            }
            out.add(new Site("line", f.createLineString(cs)));
        }
        for (int i = 0; i < perKind; i++) {
            // along an edge of the central boundary, then off it (inwards or outwards)
            int k = rnd.nextInt(edge.length - 1);
            Coordinate a = edge[k];
            Coordinate b = edge[k + 1];
            double t0 = rnd.nextDouble() * 0.5;
            double t1 = 0.5 + rnd.nextDouble() * 0.5;
            Coordinate p0 = new Coordinate(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0);
            Coordinate p1 = new Coordinate(a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1);
            Coordinate p2 = new Coordinate(p1.x + (rnd.nextDouble() - 0.5) * 0.01, p1.y + (rnd.nextDouble() - 0.5) * 0.01);
            out.add(new Site("line-along-boundary", f.createLineString(new Coordinate[] {p0, p1, p2})));
        }
        for (int i = 0; i < perKind; i++) {
            Coordinate on = i % 2 == 0 ? pointOnRing(rnd, edge)
                    : new Coordinate(113.99 + rnd.nextDouble() * 0.08, 32.94 + rnd.nextDouble() * 0.08);
            out.add(new Site(i % 2 == 0 ? "point-on-edge" : "point", f.createPoint(on)));
        }
        return out;
    }

    /** A point exactly on one of the ring's axis-parallel edges (exactly representable: no rounding off the edge). */
    private static Coordinate pointOnRing(Random rnd, Coordinate[] ring) {
        int k = rnd.nextInt(ring.length - 1);
        Coordinate a = ring[k];
        Coordinate b = ring[k + 1];
        double t = rnd.nextDouble();
        return a.x == b.x ? new Coordinate(a.x, a.y + (b.y - a.y) * t) : new Coordinate(a.x + (b.x - a.x) * t, a.y);
    }
}
