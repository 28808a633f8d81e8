package projmap.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Builds the basic-farmland patches (基本农田保护片块) in the countryside around the city.
 *
 * <p>The countryside is cut into a field grid (560 × 480 m cells, turned 7° like a drainage
 * system); a cell holds at most one patch, placed inside the cell with a margin, so patches never
 * touch or overlap. Patches are 1–30 ha: mostly four-sided, some with a cut corner, an L shape or
 * a bent edge. Density follows a smooth random field out to 20 km from the centre; it is low
 * inside the urban development boundary and the demonstration zone, zero along the river, and a
 * handful of patches sit just inside the central urban area's edge — the conflicts a farmland
 * adjustment (基本农田调整) has to resolve.
 */
final class FarmlandPatchBuilder {

    /** One patch: code JBNT-0001…, grade 1–4 (耕地质量等别 grouped), outline, area in 亩. */
    record FarmlandPatch(String code, String name, int grade, BigDecimal areaMu, Polygon metres, Polygon lonLat) {
    }

    private static final double CELL_W = 560;
    private static final double CELL_H = 480;
    private static final double TURN = StrictMath.toRadians(7);
    private static final double REACH = 20_000;
    private static final int INSIDE_EDGE_PATCHES = 10;

    private final LocalPlane plane;
    private final GeometryFactory gf;
    private final PlanningBoundaries boundaries;
    private final PreparedGeometry river;
    private final SplittableRandom rnd;
    private final double[][] waves = new double[4][];

    FarmlandPatchBuilder(LocalPlane plane, PlanningBoundaries boundaries, RoadGrid grid, SplittableRandom rnd) {
        this.plane = plane;
        this.gf = plane.metres();
        this.boundaries = boundaries;
        LineString riverLine = grid.horizontalLine(grid.riverLine, 0, grid.nx() - 1);
        this.river = new PreparedGeometryFactory().create(riverLine.buffer(350, 2));
        this.rnd = rnd;
        for (int k = 0; k < waves.length; k++) {
            double dir = rnd.nextDouble(Math.PI);
            double wavelength = rnd.nextDouble(3000, 7000);
            waves[k] = new double[] {StrictMath.cos(dir) * 2 * Math.PI / wavelength,
                StrictMath.sin(dir) * 2 * Math.PI / wavelength, rnd.nextDouble(2 * Math.PI)};
        }
    }

    List<FarmlandPatch> build() {
        List<Polygon> patches = new ArrayList<>();
        List<Polygon> insideEdge = new ArrayList<>();
        int na = (int) Math.ceil((REACH + CELL_W) / CELL_W) + 1;
        int nb = (int) Math.ceil((REACH + CELL_H) / CELL_H) + 1;
        for (int b = nb; b >= -nb; b--) {
            for (int a = -na; a <= na; a++) {
                Coordinate centre = toWorld(a * CELL_W + CELL_W / 2, b * CELL_H + CELL_H / 2);
                if (StrictMath.hypot(centre.x, centre.y) > REACH) {
                    continue;
                }
                var point = gf.createPoint(centre);
                if (river.intersects(point)) {
                    continue;
                }
                double p;
                boolean inCua = boundaries.centralUrbanAreaPrep.contains(point);
                if (inCua) {
                    if (boundaries.centralUrbanArea.getExteriorRing().isWithinDistance(point, 450)) {
                        Polygon patch = patch(a, b);
                        if (boundaries.centralUrbanAreaPrep.covers(patch)) {
                            insideEdge.add(patch);
                        }
                    }
                    continue;
                } else if (boundaries.urbanDevelopmentBoundaryPrep.contains(point)) {
                    p = 0.15;
                } else if (boundaries.demonstrationZonePrep.contains(point)) {
                    p = 0.18;
                } else {
                    p = 0.68 + 0.25 * field(centre);
                }
                if (rnd.nextDouble() < p) {
                    Polygon patch = patch(a, b);
                    if (!boundaries.centralUrbanAreaPrep.intersects(patch)) {
                        patches.add(patch);
                    }
                }
            }
        }
        // a few conflicts just inside the central urban area, spread along its edge
        int step = Math.max(1, insideEdge.size() / INSIDE_EDGE_PATCHES);
        for (int k = 0; k < insideEdge.size() && k / step < INSIDE_EDGE_PATCHES; k += step) {
            patches.add(insideEdge.get(k));
        }

        List<FarmlandPatch> out = new ArrayList<>(patches.size());
        for (int k = 0; k < patches.size(); k++) {
            Polygon m = patches.get(k);
            Polygon ll = (Polygon) plane.toLonLat(m);
            String no = String.format(Locale.ROOT, "%04d", k + 1);
            double mu = LocalPlane.areaM2(ll) * 15 / 10_000;
            int grade = grade(m.getCentroid().getCoordinate());
            out.add(new FarmlandPatch("JBNT-" + no, "基本农田保护片块 " + no, grade,
                    BigDecimal.valueOf(Math.round(mu * 100), 2), m, ll));
        }
        return out;
    }

    /** A smooth random field in [-1, 1]: a few long waves. */
    private double field(Coordinate c) {
        double v = 0;
        for (double[] w : waves) {
            v += StrictMath.sin(w[0] * c.x + w[1] * c.y + w[2]);
        }
        return v / waves.length;
    }

    /** Grades cluster: better land (1–2) where the field is high, poorer (3–4) where it is low. */
    private int grade(Coordinate c) {
        double g = 2.5 - 1.6 * field(new Coordinate(c.y, -c.x)) + rnd.nextDouble(-0.9, 0.9);
        return (int) Math.max(1, Math.min(4, Math.round(g)));
    }

    /** One patch in field cell (a, b), 1–30 ha, at least 2 % of the cell away from its sides. */
    private Polygon patch(int a, int b) {
        double ox = a * CELL_W;
        double oy = b * CELL_H;
        for (int attempt = 0; ; attempt++) {
            double w = CELL_W * rnd.nextDouble(0.22, 0.96);
            double h = CELL_H * rnd.nextDouble(0.22, 0.96);
            double x0 = ox + rnd.nextDouble(0.02 * CELL_W, 0.98 * CELL_W - w);
            double y0 = oy + rnd.nextDouble(0.02 * CELL_H, 0.98 * CELL_H - h);
            double jx = 0.06 * w;
            double jy = 0.06 * h;
            Coordinate sw = new Coordinate(x0 + rnd.nextDouble(0, jx), y0 + rnd.nextDouble(0, jy));
            Coordinate se = new Coordinate(x0 + w - rnd.nextDouble(0, jx), y0 + rnd.nextDouble(0, jy));
            Coordinate ne = new Coordinate(x0 + w - rnd.nextDouble(0, jx), y0 + h - rnd.nextDouble(0, jy));
            Coordinate nw = new Coordinate(x0 + rnd.nextDouble(0, jx), y0 + h - rnd.nextDouble(0, jy));
            List<Coordinate> ring = new ArrayList<>(List.of(sw, se, ne, nw));
            double shape = rnd.nextDouble();
            int corner = rnd.nextInt(4);
            if (shape < 0.25) {
                chamfer(ring, corner, rnd.nextDouble(0.15, 0.35));
            } else if (shape < 0.40) {
                notch(ring, corner, rnd.nextDouble(0.3, 0.5), rnd.nextDouble(0.3, 0.5));
            } else if (shape < 0.50) {
                bend(ring, corner, rnd.nextDouble(-0.08, 0.08));
            }
            Coordinate[] cs = new Coordinate[ring.size() + 1];
            for (int k = 0; k < ring.size(); k++) {
                Coordinate c = ring.get(k);
                cs[k] = toWorld(c.x, c.y);
            }
            cs[ring.size()] = cs[0].copy();
            Polygon poly = gf.createPolygon(cs);
            double area = poly.getArea();
            if ((area >= 10_500 && area <= 295_000 && poly.isValid()) || attempt > 20) {
                return poly;
            }
        }
    }

    /** Replace corner k by two points a fraction t along its two edges. */
    private static void chamfer(List<Coordinate> ring, int k, double t) {
        Coordinate c = ring.get(k);
        Coordinate prev = ring.get((k + 3) % 4);
        Coordinate next = ring.get((k + 1) % 4);
        Coordinate p1 = lerp(c, prev, t);
        Coordinate p2 = lerp(c, next, t);
        ring.set(k, p1);
        ring.add(k + 1, p2);
    }

    /** Cut a rectangle-like notch out of corner k: an L-shaped patch. */
    private static void notch(List<Coordinate> ring, int k, double s, double t) {
        Coordinate c = ring.get(k);
        Coordinate prev = ring.get((k + 3) % 4);
        Coordinate next = ring.get((k + 1) % 4);
        Coordinate p1 = lerp(c, prev, s);
        Coordinate p2 = lerp(c, next, t);
        Coordinate inner = new Coordinate(p1.x + p2.x - c.x, p1.y + p2.y - c.y);
        ring.set(k, p1);
        ring.add(k + 1, inner);
        ring.add(k + 2, p2);
    }

    /** Push the midpoint of the edge after corner k sideways by a fraction of the edge length. */
    private static void bend(List<Coordinate> ring, int k, double f) {
        Coordinate a = ring.get(k);
        Coordinate b = ring.get((k + 1) % 4);
        Coordinate mid = lerp(a, b, 0.5);
        double dx = b.x - a.x;
        double dy = b.y - a.y;
        ring.add(k + 1, new Coordinate(mid.x - dy * f, mid.y + dx * f));
    }

    private static Coordinate lerp(Coordinate a, Coordinate b, double t) {
        return new Coordinate(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
    }

    private static Coordinate toWorld(double u, double v) {
        double c = StrictMath.cos(TURN);
        double s = StrictMath.sin(TURN);
        return new Coordinate(u * c - v * s, u * s + v * c);
    }
}
