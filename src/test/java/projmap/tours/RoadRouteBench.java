package projmap.tours;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import projmap.geo.Geometries;

/**
 * Figures for README "Route and travel times": a street grid the size of the demo city's (±16 km,
 * 300 m blocks, 107 × 107 streets), the graph built once, then 30-stop tours through random stops.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) projmap.tours.RoadRouteBench}.
 */
public final class RoadRouteBench {
    public static void main(String[] args) {
        double lon0 = 113.85;
        double lat0 = 32.84;
        double dLon = 300 / (111_320 * Math.cos(Math.toRadians(33)));
        double dLat = 300 / 110_574.0;
        int n = 107;
        List<Geometry> lines = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Coordinate[] row = new Coordinate[n];
            Coordinate[] col = new Coordinate[n];
            for (int j = 0; j < n; j++) {
                row[j] = new Coordinate(lon0 + j * dLon, lat0 + k * dLat);
                col[j] = new Coordinate(lon0 + k * dLon, lat0 + j * dLat);
            }
            lines.add(Geometries.FACTORY.createLineString(row));
            lines.add(Geometries.FACTORY.createLineString(col));
        }
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            RoadNetwork net = RoadNetwork.of(lines);
            long t1 = System.nanoTime();
            SplittableRandom rnd = new SplittableRandom(run);
            List<double[]> stops = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                stops.add(new double[] {lon0 + rnd.nextDouble() * (n - 1) * dLon, lat0 + rnd.nextDouble() * (n - 1) * dLat});
            }
            long t2 = System.nanoTime();
            var route = TourRoute.of(stops, TourSettings.defaults(), java.util.Optional.of(new RoadNetworks.Current(net, null, null)));
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "run %d: %d nodes, %d segments, graph built in %d ms; 30-stop tour (29 legs, %s m) routed in %d ms%n",
                    run, net.nodeCount(), net.segmentCount(), (t1 - t0) / 1_000_000, route.get("distanceM"), (t3 - t2) / 1_000_000);
        }
    }
}
