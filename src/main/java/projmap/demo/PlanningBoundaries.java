package projmap.demo;

import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The three planning boundaries of the demo city, in the metre plane: the central urban area
 * (中心城区), the urban–rural integration demonstration zone (城乡一体化示范区) and the urban
 * development boundary (城镇开发边界).
 *
 * <p>Each outline is star-shaped around its own centre: a radius that varies with the bearing as a
 * sum of a few harmonics plus a little smoothed jitter, sampled at a few hundred bearings. That
 * makes an irregular, hand-drawn-looking outline that is always a simple polygon. The urban
 * development boundary reuses the central urban area's bearings with a larger radius on every
 * one of them, which guarantees that it contains the central urban area. Areas are scaled to fixed
 * targets so the figures in the README do not drift.
 */
final class PlanningBoundaries {

    static final double CENTRAL_URBAN_AREA_KM2 = 196.0;
    static final double DEMONSTRATION_ZONE_KM2 = 88.0;

    private static final int CUA_VERTICES = 300;
    private static final int DZ_VERTICES = 220;

    final Polygon centralUrbanArea;
    final Polygon demonstrationZone;
    final Polygon urbanDevelopmentBoundary;
    final PreparedGeometry centralUrbanAreaPrep;
    final PreparedGeometry demonstrationZonePrep;
    final PreparedGeometry urbanDevelopmentBoundaryPrep;
    /** The demonstration zone's centre, east-south-east of the city centre (metres). */
    final Coordinate demonstrationZoneCentre = new Coordinate(8200, -3600);

    PlanningBoundaries(GeometryFactory gf, SplittableRandom rnd) {
        double[] cuaRadii = radii(rnd, CUA_VERTICES,
                new double[] {0, 0, 0.11, 0.07, 0.05, 0.035, 0.02, 0.018, 0.012, 0.01},
                0.012);
        scaleToArea(cuaRadii, CENTRAL_URBAN_AREA_KM2 * 1e6);
        this.centralUrbanArea = polygon(gf, new Coordinate(0, 0), cuaRadii);

        double[] udbRadii = new double[CUA_VERTICES];
        double p1 = rnd.nextDouble(2 * Math.PI);
        double p2 = rnd.nextDouble(2 * Math.PI);
        for (int k = 0; k < CUA_VERTICES; k++) {
            double theta = 2 * Math.PI * k / CUA_VERTICES;
            double margin = 1150 + 380 * StrictMath.cos(2 * theta + p1) + 220 * StrictMath.cos(5 * theta + p2);
            udbRadii[k] = cuaRadii[k] + margin;
        }
        this.urbanDevelopmentBoundary = polygon(gf, new Coordinate(0, 0), udbRadii);

        double[] dzRadii = radii(rnd, DZ_VERTICES,
                new double[] {0, 0, 0.16, 0.06, 0.05, 0.03, 0.02, 0.015},
                0.01);
        scaleToArea(dzRadii, DEMONSTRATION_ZONE_KM2 * 1e6);
        this.demonstrationZone = polygon(gf, demonstrationZoneCentre, dzRadii);

        PreparedGeometryFactory pf = new PreparedGeometryFactory();
        this.centralUrbanAreaPrep = pf.create(centralUrbanArea);
        this.demonstrationZonePrep = pf.create(demonstrationZone);
        this.urbanDevelopmentBoundaryPrep = pf.create(urbanDevelopmentBoundary);
        if (!urbanDevelopmentBoundary.contains(centralUrbanArea)) {
            throw new IllegalStateException("urban development boundary must contain the central urban area");
        }
    }

    /**
     * Radii at n equally spaced bearings: 1 + Σ a_k·cos(kθ + φ_k), times a lightly smoothed
     * random jitter of relative size {@code jitter}. Only the shape matters; the scale is set later.
     */
    private static double[] radii(SplittableRandom rnd, int n, double[] harmonics, double jitter) {
        double[] phases = new double[harmonics.length];
        for (int k = 0; k < phases.length; k++) {
            phases[k] = rnd.nextDouble(2 * Math.PI);
        }
        double[] noise = new double[n];
        for (int k = 0; k < n; k++) {
            noise[k] = rnd.nextDouble(-1, 1);
        }
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            double theta = 2 * Math.PI * k / n;
            double v = 1;
            for (int h = 1; h < harmonics.length; h++) {
                v += harmonics[h] * StrictMath.cos(h * theta + phases[h]);
            }
            double smooth = (noise[(k + n - 1) % n] + 2 * noise[k] + noise[(k + 1) % n]) / 4;
            r[k] = v * (1 + jitter * smooth);
        }
        return r;
    }

    private static void scaleToArea(double[] r, double targetM2) {
        int n = r.length;
        double area = 0;
        double wedge = StrictMath.sin(2 * Math.PI / n) / 2;
        for (int k = 0; k < n; k++) {
            area += r[k] * r[(k + 1) % n] * wedge;
        }
        double s = StrictMath.sqrt(targetM2 / area);
        for (int k = 0; k < n; k++) {
            r[k] *= s;
        }
    }

    private static Polygon polygon(GeometryFactory gf, Coordinate centre, double[] r) {
        int n = r.length;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double theta = 2 * Math.PI * k / n;
            ring[k] = new Coordinate(centre.x + r[k] * StrictMath.cos(theta), centre.y + r[k] * StrictMath.sin(theta));
        }
        ring[n] = ring[0].copy();
        return gf.createPolygon(ring);
    }
}
