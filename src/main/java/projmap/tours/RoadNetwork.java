package projmap.tours;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import projmap.geo.GeodesicMeasure;

/**
 * Road centre lines as a graph in memory, for tour routes. Nodes are the lines' vertices snapped
 * to a 10⁻⁵° grid (about 1 m), so lines that share a vertex or meet end to end are connected;
 * lines that merely cross without a shared vertex are not (as for a bridge over a road). Edges
 * are the segments between consecutive vertices, weighted by geodesic length. Immutable once
 * built, so one instance serves every request for a layer version.
 */
final class RoadNetwork {
    /** Grid of the node snapping, in degrees: 10⁻⁵° is 1.1 m north–south, 0.9 m east–west at 33°N. */
    private static final double SNAP_DEG = 1e-5;
    private static final double M_PER_DEG_LAT = 110_574;
    private static final double M_PER_DEG_LON_EQUATOR = 111_320;

    private final List<Coordinate> nodes = new ArrayList<>();
    private final List<List<double[]>> edges = new ArrayList<>(); // per node: {to, metres}
    private final List<int[]> segments = new ArrayList<>();
    private final Map<Long, Integer> byKey = new HashMap<>();

    /** Where a stop meets the network: the nearest point on a segment, and the way on to its two ends. */
    record Snap(Coordinate point, int a, int b, double toA, double toB, double distanceM) {
    }

    /** A road route: the line from stop to stop (connectors included) and its lengths in metres. */
    record Path(List<Coordinate> line, double networkM, double connectorsM) {
        double totalM() {
            return networkM + connectorsM;
        }
    }

    /** The graph of every LineString part of {@code geometries}; other geometry types are ignored. */
    static RoadNetwork of(Iterable<Geometry> geometries) {
        RoadNetwork n = new RoadNetwork();
        for (Geometry g : geometries) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (g.getGeometryN(i) instanceof LineString line) {
                    n.addLine(line.getCoordinates());
                }
            }
        }
        return n;
    }

    int segmentCount() {
        return segments.size();
    }

    int nodeCount() {
        return nodes.size();
    }

    private void addLine(Coordinate[] coords) {
        int prev = -1;
        for (Coordinate c : coords) {
            int node = node(c);
            if (prev >= 0 && prev != node) {
                double m = GeodesicMeasure.distance(nodes.get(prev), nodes.get(node));
                edges.get(prev).add(new double[] {node, m});
                edges.get(node).add(new double[] {prev, m});
                segments.add(new int[] {prev, node});
            }
            prev = node;
        }
    }

    private int node(Coordinate c) {
        long key = Math.round(c.x / SNAP_DEG) * 40_000_000L + Math.round(c.y / SNAP_DEG);
        return byKey.computeIfAbsent(key, k -> {
            nodes.add(new Coordinate(c.x, c.y));
            edges.add(new ArrayList<>());
            return nodes.size() - 1;
        });
    }

    /** The nearest point of the network to {@code p}, or empty for a network without segments. */
    Optional<Snap> snap(Coordinate p) {
        // a local plane around p is exact enough to choose the nearest segment over a few km
        double kx = M_PER_DEG_LON_EQUATOR * Math.cos(Math.toRadians(p.y));
        double best = Double.POSITIVE_INFINITY;
        int[] bestSeg = null;
        double bestT = 0;
        for (int[] s : segments) {
            Coordinate a = nodes.get(s[0]);
            Coordinate b = nodes.get(s[1]);
            double ax = (a.x - p.x) * kx;
            double ay = (a.y - p.y) * M_PER_DEG_LAT;
            double dx = (b.x - a.x) * kx;
            double dy = (b.y - a.y) * M_PER_DEG_LAT;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
            double x = ax + t * dx;
            double y = ay + t * dy;
            double d2 = x * x + y * y;
            if (d2 < best) {
                best = d2;
                bestSeg = s;
                bestT = t;
            }
        }
        if (bestSeg == null) {
            return Optional.empty();
        }
        Coordinate a = nodes.get(bestSeg[0]);
        Coordinate b = nodes.get(bestSeg[1]);
        Coordinate on = new Coordinate(a.x + bestT * (b.x - a.x), a.y + bestT * (b.y - a.y));
        return Optional.of(new Snap(on, bestSeg[0], bestSeg[1], GeodesicMeasure.distance(on, a),
                GeodesicMeasure.distance(on, b), GeodesicMeasure.distance(p, on)));
    }

    /**
     * The shortest road route from {@code from} to {@code to} entering and leaving the network at
     * the given snaps, or empty when the two snaps lie on parts of the network that do not meet.
     */
    Optional<Path> route(Coordinate from, Snap start, Coordinate to, Snap end) {
        int n = nodes.size();
        double[] dist = new double[n];
        int[] prev = new int[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Arrays.fill(prev, -1);
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
        dist[start.a()] = start.toA();
        dist[start.b()] = Math.min(dist[start.b()], start.toB());
        queue.add(new double[] {dist[start.a()], start.a()});
        queue.add(new double[] {dist[start.b()], start.b()});
        // both snaps on one segment: straight along it, unless the graph finds a shorter way
        boolean sameSegment = (start.a() == end.a() && start.b() == end.b()) || (start.a() == end.b() && start.b() == end.a());
        double best = sameSegment ? GeodesicMeasure.distance(start.point(), end.point()) : Double.POSITIVE_INFINITY;
        int exit = -1;
        while (!queue.isEmpty()) {
            double[] head = queue.poll();
            int u = (int) head[1];
            if (head[0] > dist[u] || head[0] >= best) {
                if (head[0] >= best) {
                    break;
                }
                continue;
            }
            double leave = u == end.a() ? end.toA() : u == end.b() ? end.toB() : Double.NaN;
            if (!Double.isNaN(leave) && dist[u] + leave < best) {
                best = dist[u] + leave;
                exit = u;
            }
            for (double[] e : edges.get(u)) {
                int v = (int) e[0];
                double d = dist[u] + e[1];
                if (d < dist[v]) {
                    dist[v] = d;
                    prev[v] = u;
                    queue.add(new double[] {d, v});
                }
            }
        }
        if (Double.isInfinite(best)) {
            return Optional.empty();
        }
        List<Coordinate> nodesOnWay = new ArrayList<>();
        for (int u = exit; u >= 0; u = prev[u]) {
            nodesOnWay.add(nodes.get(u));
        }
        Collections.reverse(nodesOnWay);   // walked back from the exit
        List<Coordinate> line = new ArrayList<>();
        for (Coordinate c : concat(from, start.point(), nodesOnWay, end.point(), to)) {
            if (line.isEmpty() || !line.get(line.size() - 1).equals2D(c)) {
                line.add(c);
            }
        }
        return Optional.of(new Path(line, best, start.distanceM() + end.distanceM()));
    }

    private static List<Coordinate> concat(Coordinate from, Coordinate in, List<Coordinate> way, Coordinate out,
                                           Coordinate to) {
        List<Coordinate> all = new ArrayList<>(way.size() + 4);
        all.add(from);
        all.add(in);
        all.addAll(way);
        all.add(out);
        all.add(to);
        return all;
    }
}
