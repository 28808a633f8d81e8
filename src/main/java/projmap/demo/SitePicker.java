package projmap.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import projmap.demo.FarmlandPatchBuilder.FarmlandPatch;
import projmap.demo.RoadGrid.RoadClass;

/**
 * Finds project sites in the demo city (metre plane): stretches of the road grid, parcels of a
 * given land-use class, parts of future blocks in the demonstration zone, river reaches, places
 * that overlap basic farmland, and places in 确山县.
 *
 * <p>Every pick says where it must lie ({@link Where}); unless a pick is meant to conflict, it
 * also keeps clear of basic farmland and of land-use classes the project's category does not fit
 * ({@link #zoningCodes}). Parcels are used at most once. Random but reproducible: all choices come
 * from the one {@link SplittableRandom} passed in. Not thread-safe.
 */
final class SitePicker {

    /** Where a site must lie. */
    enum Where {
        /** Inside the central urban area and clear of the demonstration zone. */
        CORE,
        /** Inside both the central urban area and the demonstration zone. */
        ZONE_INSIDE,
        /** Inside the demonstration zone, outside the central urban area. */
        ZONE_OUTSIDE
    }

    /** A stretch of one grid line between two nodes. */
    record Stretch(boolean vertical, int line, int from, int to, LineString metres) {
    }

    private static final int TRIES = 4000;

    final LocalPlane plane;
    final GeometryFactory gf;
    final PlanningBoundaries boundaries;
    final DistrictMap districts;
    final RoadGrid grid;
    final LandUsePlan landUse;
    private final List<FarmlandPatch> farmland;
    private final SplittableRandom rnd;
    private final STRtree parcelIndex = new STRtree();
    private final STRtree farmlandIndex = new STRtree();
    private final Where[] parcelWhere;
    private final double[] parcelHa;
    private final Set<Integer> usedParcels = new HashSet<>();
    private final Set<Integer> usedPatches = new HashSet<>();
    private final List<int[]> zoneOutsideCells = new ArrayList<>();
    private final Map<LandUseCode, List<Integer>> parcelsByCode = new EnumMap<>(LandUseCode.class);
    private final Map<Long, List<Integer>> parcelsByBlock = new HashMap<>();

    SitePicker(LocalPlane plane, PlanningBoundaries boundaries, DistrictMap districts, RoadGrid grid,
            LandUsePlan landUse, List<FarmlandPatch> farmland, SplittableRandom rnd) {
        this.plane = plane;
        this.gf = plane.metres();
        this.boundaries = boundaries;
        this.districts = districts;
        this.grid = grid;
        this.landUse = landUse;
        this.farmland = farmland;
        this.rnd = rnd;
        List<Parcel> parcels = landUse.parcels();
        this.parcelWhere = new Where[parcels.size()];
        this.parcelHa = new double[parcels.size()];
        for (int k = 0; k < parcels.size(); k++) {
            Polygon p = parcels.get(k).metres();
            parcelHa[k] = p.getArea() / 1e4;
            parcelIndex.insert(p.getEnvelopeInternal(), k);
            parcelsByCode.computeIfAbsent(parcels.get(k).code(), c -> new ArrayList<>()).add(k);
            parcelsByBlock.computeIfAbsent(blockKey(parcels.get(k).cellI(), parcels.get(k).cellJ()), c -> new ArrayList<>()).add(k);
            if (!boundaries.demonstrationZonePrep.intersects(p)) {
                parcelWhere[k] = Where.CORE;
            } else if (boundaries.demonstrationZonePrep.covers(p)) {
                parcelWhere[k] = Where.ZONE_INSIDE;
            }
        }
        for (int k = 0; k < farmland.size(); k++) {
            farmlandIndex.insert(farmland.get(k).metres().getEnvelopeInternal(), k);
        }
        Envelope dz = boundaries.demonstrationZone.getEnvelopeInternal();
        for (int j = 1; j < grid.ny() - 2; j++) {
            for (int i = 1; i < grid.nx() - 2; i++) {
                Coordinate n = grid.node(i, j);
                if (dz.contains(n)) {
                    Polygon quad = cellQuad(i, j);
                    if (boundaries.demonstrationZonePrep.covers(quad) && !boundaries.centralUrbanAreaPrep.intersects(quad)) {
                        zoneOutsideCells.add(new int[] {i, j});
                    }
                }
            }
        }
    }

    // ---- checks -------------------------------------------------------------------------

    boolean isIn(Geometry g, Where where) {
        return switch (where) {
            case CORE -> boundaries.centralUrbanAreaPrep.covers(g) && !boundaries.demonstrationZonePrep.intersects(g);
            case ZONE_INSIDE -> boundaries.centralUrbanAreaPrep.covers(g) && boundaries.demonstrationZonePrep.covers(g);
            case ZONE_OUTSIDE -> boundaries.demonstrationZonePrep.covers(g) && !boundaries.centralUrbanAreaPrep.intersects(g);
        };
    }

    boolean touchesFarmland(Geometry g) {
        PreparedGeometry site = PreparedGeometryFactory.prepare(g);
        for (Object o : farmlandIndex.query(g.getEnvelopeInternal())) {
            if (site.intersects(farmland.get((Integer) o).metres())) {
                return true;
            }
        }
        return false;
    }

    /** Farmland area under a site, m² (metre plane). */
    double farmlandOverlap(Geometry g) {
        double a = 0;
        PreparedGeometry site = PreparedGeometryFactory.prepare(g);
        for (Object o : farmlandIndex.query(g.getEnvelopeInternal())) {
            Polygon p = farmland.get((Integer) o).metres();
            if (g.getDimension() == 2 && site.intersects(p)) {
                a += OverlayNGRobust.overlay(p, g, OverlayNG.INTERSECTION).getArea();
            }
        }
        return a;
    }

    /**
     * The land-use classes a site really lies on: overlaps of more than 1 m² for areas, 1 m for
     * lines, containment for points.
     */
    Set<LandUseCode> zoningCodes(Geometry g) {
        Set<LandUseCode> codes = EnumSet.noneOf(LandUseCode.class);
        PreparedGeometry site = PreparedGeometryFactory.prepare(g);
        for (Object o : parcelIndex.query(g.getEnvelopeInternal())) {
            Parcel p = landUse.parcels().get((Integer) o);
            if (!site.intersects(p.metres())) {
                continue;
            }
            double size = switch (g.getDimension()) {
                case 0 -> p.metres().covers(g) ? 1 : 0;
                case 1 -> OverlayNGRobust.overlay(g, p.metres(), OverlayNG.INTERSECTION).getLength();
                default -> OverlayNGRobust.overlay(g, p.metres(), OverlayNG.INTERSECTION).getArea();
            };
            if (size >= 1 || (g.getDimension() == 0 && size > 0)) {
                codes.add(p.code());
            }
        }
        return codes;
    }

    /** Share of a site's area (or length) that lies on any of the given classes. */
    double zoningShare(Geometry g, Set<LandUseCode> classes) {
        double on = 0;
        PreparedGeometry site = PreparedGeometryFactory.prepare(g);
        for (Object o : parcelIndex.query(g.getEnvelopeInternal())) {
            Parcel p = landUse.parcels().get((Integer) o);
            if (classes.contains(p.code()) && site.intersects(p.metres())) {
                Geometry x = OverlayNGRobust.overlay(g, p.metres(), OverlayNG.INTERSECTION);
                on += g.getDimension() == 1 ? x.getLength() : x.getArea();
            }
        }
        return on / (g.getDimension() == 1 ? g.getLength() : g.getArea());
    }

    private boolean acceptable(Geometry g, Where where, Set<LandUseCode> allowed) {
        return isIn(g, where) && !touchesFarmland(g) && (allowed == null || allowed.containsAll(zoningCodes(g)));
    }

    // ---- roads --------------------------------------------------------------------------

    /** A stretch of 'min'–'max' segments on a road line (not the river), lying wholly in 'where'. */
    Stretch road(Where where, int minSeg, int maxSeg, boolean majorOnly, Set<LandUseCode> allowed) {
        for (int t = 0; t < TRIES; t++) {
            boolean vertical = rnd.nextBoolean();
            int n = vertical ? grid.nx() : grid.ny();
            int m = vertical ? grid.ny() : grid.nx();
            int line = rnd.nextInt(1, n - 1);
            RoadClass cls = vertical ? grid.vClass[line] : grid.hClass[line];
            if (!cls.isRoad() || (majorOnly && cls == RoadClass.BRANCH)) {
                continue;
            }
            int segs = rnd.nextInt(minSeg, maxSeg + 1);
            int from = rnd.nextInt(1, m - 1 - segs);
            Stretch s = stretch(vertical, line, from, from + segs);
            if (acceptable(s.metres(), where, allowed)) {
                return s;
            }
        }
        throw new IllegalStateException("no road stretch found in " + where);
    }

    Stretch stretch(boolean vertical, int line, int from, int to) {
        LineString l = vertical ? grid.verticalLine(line, from, to) : grid.horizontalLine(line, from, to);
        return new Stretch(vertical, line, from, to, l);
    }

    /**
     * An arterial leaving the central urban area in a direction (0 north, 1 east, 2 south,
     * 3 west): a few segments inside, a few outside — a road extension (延伸工程).
     */
    Stretch extension(int direction, double offset, Set<LandUseCode> allowed) {
        boolean vertical = direction == 0 || direction == 2;
        double[] base = vertical ? grid.baseX : grid.baseY;
        RoadClass[] cls = vertical ? grid.vClass : grid.hClass;
        int best = -1;
        for (int k = 0; k < base.length; k++) {
            if (cls[k] == RoadClass.ARTERIAL && (best < 0 || Math.abs(base[k] - offset) < Math.abs(base[best] - offset))) {
                best = k;
            }
        }
        int m = vertical ? grid.ny() : grid.nx();
        int sign = direction == 0 || direction == 1 ? 1 : -1;
        int start = RoadGrid.nearest(vertical ? grid.baseY : grid.baseX, 0);
        int last = start;
        for (int k = start; k > 0 && k < m - 1; k += sign) {
            Coordinate c = vertical ? grid.node(best, k) : grid.node(k, best);
            if (!boundaries.centralUrbanAreaPrep.contains(gf.createPoint(c))) {
                break;
            }
            last = k;
        }
        for (int outside = 4; outside >= 1; outside--) {
            int a = last - sign * 3;
            int b = last + sign * outside;
            Stretch s = stretch(vertical, best, Math.min(a, b), Math.max(a, b));
            if (!touchesFarmland(s.metres()) && (allowed == null || allowed.containsAll(zoningCodes(s.metres())))) {
                return s;
            }
        }
        throw new IllegalStateException("no extension found in direction " + direction);
    }

    // ---- parcels ------------------------------------------------------------------------

    /** An unused, unclipped block parcel of one of the classes, area in [minHa, maxHa]. */
    int parcel(Where where, Set<LandUseCode> classes, double minHa, double maxHa) {
        List<Integer> candidates = candidates(where, classes, minHa, maxHa);
        return take(candidates, where, classes);
    }

    /** Unused, unclipped block parcels of the classes in 'where', in plan order. */
    private List<Integer> candidates(Where where, Set<LandUseCode> classes, double minHa, double maxHa) {
        List<Parcel> ps = landUse.parcels();
        List<Integer> candidates = new ArrayList<>();
        for (LandUseCode code : classes) {
            for (int k : parcelsByCode.getOrDefault(code, List.of())) {
                if (parcelWhere[k] == where && !usedParcels.contains(k) && parcelHa[k] >= minHa && parcelHa[k] <= maxHa
                        && !ps.get(k).clipped()) {
                    candidates.add(k);
                }
            }
        }
        Collections.sort(candidates);
        return candidates;
    }

    /** Takes a random candidate clear of farmland (removing what it looks at from the list). */
    private int take(List<Integer> candidates, Where where, Set<LandUseCode> classes) {
        List<Parcel> ps = landUse.parcels();
        while (!candidates.isEmpty()) {
            int k = candidates.remove(rnd.nextInt(candidates.size()));
            if (!touchesFarmland(ps.get(k).metres())) {
                usedParcels.add(k);
                return k;
            }
        }
        throw new IllegalStateException("no parcel of " + classes + " in " + where);
    }

    Parcel parcelAt(int index) {
        return landUse.parcels().get(index);
    }

    /**
     * Several parcels of a block (the one of a randomly chosen seed parcel) that have one of the
     * classes, merged: a residential estate, a row of old housing.
     */
    Geometry blockGroup(Where where, Set<LandUseCode> classes, int maxParcels) {
        return blockGroupFrom(parcel(where, classes, 0.2, 50), where, classes, maxParcels);
    }

    /** Like {@link #blockGroup}, starting from a given (already taken) parcel. */
    Geometry blockGroupFrom(int seed, Where where, Set<LandUseCode> classes, int maxParcels) {
        Parcel s = parcelAt(seed);
        List<Geometry> parts = new ArrayList<>();
        parts.add(s.metres());
        for (int k : parcelsByBlock.get(blockKey(s.cellI(), s.cellJ()))) {
            Parcel p = parcelAt(k);
            if (parts.size() < maxParcels && k != seed && classes.contains(p.code()) && parcelWhere[k] == where
                    && !usedParcels.contains(k) && !p.clipped() && !touchesFarmland(p.metres())) {
                usedParcels.add(k);
                parts.add(p.metres());
            }
        }
        return OverlayNGRobust.union(parts);
    }

    /** n parcels of the classes far enough apart not to touch, as one MultiPolygon site. */
    Geometry scatteredParcels(Where where, Set<LandUseCode> classes, int n, double minHa, double maxHa) {
        List<Polygon> parts = new ArrayList<>();
        Polygon first = parcelAt(parcel(where, classes, minHa, maxHa)).metres();
        parts.add(first);
        Coordinate c0 = first.getCentroid().getCoordinate();
        List<Integer> near = new ArrayList<>();
        for (int k : candidates(where, classes, minHa, maxHa)) {
            double d = parcelAt(k).metres().getCentroid().getCoordinate().distance(c0);
            if (d > 300 && d < 1800) {
                near.add(k);
            }
        }
        while (parts.size() < n) {
            int k = take(near, where, classes);
            Polygon p = parcelAt(k).metres();
            if (parts.stream().anyMatch(q -> q.intersects(p))) {
                usedParcels.remove(k);
            } else {
                parts.add(p);
            }
        }
        return gf.createMultiPolygon(parts.toArray(new Polygon[0]));
    }

    /** A copy of a parcel shrunk around its centre: a building site on that parcel. */
    Polygon shrunk(int parcel, double factor) {
        Polygon p = parcelAt(parcel).metres();
        Coordinate c = p.getCentroid().getCoordinate();
        AffineTransformation t = new AffineTransformation()
                .translate(-c.x, -c.y).scale(factor, factor).translate(c.x, c.y);
        Polygon s = (Polygon) t.transform(p);
        return (Polygon) plainRing(s);
    }

    /** A point well inside a parcel (the centre of its largest inscribed circle). */
    Point pointOn(int parcel) {
        Polygon p = parcelAt(parcel).metres();
        Point c = new MaximumInscribedCircle(p, 1.0).getCenter();
        return gf.createPoint(new Coordinate(Math.round(c.getX() * 10) / 10.0, Math.round(c.getY() * 10) / 10.0));
    }

    /**
     * A strip 'width' metres wide along a parcel's longest side through its middle, ending inside
     * the parcel: a road cut through a park.
     */
    Polygon stripAcross(int parcel, double width) {
        Polygon p = parcelAt(parcel).metres();
        Coordinate[] cs = p.getExteriorRing().getCoordinates();
        int longest = 0;
        for (int k = 1; k < cs.length - 1; k++) {
            if (cs[k].distance(cs[k + 1]) > cs[longest].distance(cs[longest + 1])) {
                longest = k;
            }
        }
        double dx = cs[longest + 1].x - cs[longest].x;
        double dy = cs[longest + 1].y - cs[longest].y;
        double len = StrictMath.hypot(dx, dy);
        Coordinate c = p.getCentroid().getCoordinate();
        for (double half = len * 0.45; half > 20; half *= 0.9) {
            double ux = dx / len;
            double uy = dy / len;
            double wx = -uy * width / 2;
            double wy = ux * width / 2;
            Polygon strip = gf.createPolygon(new Coordinate[] {
                new Coordinate(c.x - ux * half + wx, c.y - uy * half + wy),
                new Coordinate(c.x + ux * half + wx, c.y + uy * half + wy),
                new Coordinate(c.x + ux * half - wx, c.y + uy * half - wy),
                new Coordinate(c.x - ux * half - wx, c.y - uy * half - wy),
                new Coordinate(c.x - ux * half + wx, c.y - uy * half + wy),
            });
            if (p.covers(strip)) {
                return strip;
            }
        }
        throw new IllegalStateException("no strip fits parcel " + parcel);
    }

    /** A whole block on the central urban area's edge, partly outside it: a village on the edge. */
    Polygon edgeBlock(Set<LandUseCode> allowed) {
        List<Parcel> ps = landUse.parcels();
        for (int t = 0; t < TRIES; t++) {
            Parcel p = ps.get(rnd.nextInt(ps.size()));
            if (!p.clipped() || !p.inBlock()) {
                continue;
            }
            Polygon quad = cellQuad(p.cellI(), p.cellJ());
            double inside = OverlayNGRobust.overlay(quad, boundaries.centralUrbanArea, OverlayNG.INTERSECTION).getArea();
            double share = inside / quad.getArea();
            if (share > 0.3 && share < 0.8 && !boundaries.demonstrationZonePrep.intersects(quad)
                    && !touchesFarmland(quad) && allowed.containsAll(zoningCodes(quad))) {
                return quad;
            }
        }
        throw new IllegalStateException("no block on the edge of the central urban area");
    }

    // ---- the demonstration zone outside the city ------------------------------------------

    /** Part of a future block in the demonstration zone, outside the central urban area. */
    Polygon zoneBlockPart(double minFrac, double maxFrac) {
        for (int t = 0; t < TRIES; t++) {
            int[] cell = zoneOutsideCells.get(rnd.nextInt(zoneOutsideCells.size()));
            BlockLayout b = BlockLayout.undivided(grid.cellCorners(cell[0], cell[1]), null);
            double fu = rnd.nextDouble(minFrac, maxFrac);
            double fv = rnd.nextDouble(minFrac, maxFrac);
            double u0 = rnd.nextDouble(0, 1 - fu);
            double v0 = rnd.nextDouble(0, 1 - fv);
            Polygon site = gf.createPolygon(new Coordinate[] {
                b.point(u0, v0), b.point(u0 + fu, v0), b.point(u0 + fu, v0 + fv), b.point(u0, v0 + fv), b.point(u0, v0),
            });
            if (acceptable(site, Where.ZONE_OUTSIDE, null)) {
                return site;
            }
        }
        throw new IllegalStateException("no block part in the demonstration zone");
    }

    /** A point inside a future block of the demonstration zone. */
    Point zonePoint() {
        for (int t = 0; t < TRIES; t++) {
            int[] cell = zoneOutsideCells.get(rnd.nextInt(zoneOutsideCells.size()));
            BlockLayout b = BlockLayout.undivided(grid.cellCorners(cell[0], cell[1]), null);
            Coordinate c = b.point(rnd.nextDouble(0.2, 0.8), rnd.nextDouble(0.2, 0.8));
            Point p = gf.createPoint(new Coordinate(Math.round(c.x * 10) / 10.0, Math.round(c.y * 10) / 10.0));
            if (acceptable(p, Where.ZONE_OUTSIDE, null)) {
                return p;
            }
        }
        throw new IllegalStateException("no point in the demonstration zone");
    }

    // ---- the river ----------------------------------------------------------------------

    /** Node range {first, last} of the river line inside the central urban area. */
    int[] riverInside() {
        int first = -1;
        int last = -1;
        for (int i = 0; i < grid.nx(); i++) {
            if (boundaries.centralUrbanAreaPrep.contains(gf.createPoint(grid.node(i, grid.riverLine)))) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return new int[] {first, last};
    }

    /** The river and its banks between nodes i0 and i1: a buffer of the centreline. */
    Polygon riverReach(int i0, int i1, double halfWidth) {
        BufferParameters bp = new BufferParameters(4, BufferParameters.CAP_FLAT, BufferParameters.JOIN_ROUND, 5);
        Geometry b = org.locationtech.jts.operation.buffer.BufferOp.bufferOp(
                grid.horizontalLine(grid.riverLine, i0, i1), halfWidth, bp);
        return (Polygon) b;
    }

    // ---- basic farmland and the county --------------------------------------------------

    /**
     * A site that takes part of a basic-farmland patch lying between 'minR' and 'maxR' metres from
     * the centre on a bearing (degrees, east = 0) within ±30°; in the demonstration zone if asked.
     */
    Polygon onFarmland(double bearingDeg, double minR, double maxR, boolean inZone) {
        for (int t = 0; t < TRIES; t++) {
            int k = rnd.nextInt(farmland.size());
            if (usedPatches.contains(k)) {
                continue;
            }
            Polygon patch = farmland.get(k).metres();
            Coordinate c = patch.getCentroid().getCoordinate();
            double r = StrictMath.hypot(c.x, c.y);
            double bearing = StrictMath.toDegrees(StrictMath.atan2(c.y, c.x));
            double diff = Math.abs(((bearing - bearingDeg) % 360 + 540) % 360 - 180);
            boolean zoneOk = boundaries.demonstrationZonePrep.contains(gf.createPoint(c)) == inZone;
            if (r < minR || r > maxR || diff > 30 || !zoneOk) {
                continue;
            }
            Coordinate corner = patch.getExteriorRing().getCoordinateN(0);
            double w = rnd.nextDouble(180, 320);
            double h = rnd.nextDouble(140, 240);
            double angle = StrictMath.toRadians(7 + rnd.nextDouble(-4, 4));
            Polygon rect = rectangle(corner, w, h, angle);
            if (!boundaries.centralUrbanAreaPrep.intersects(rect) && (!inZone || isIn(rect, Where.ZONE_OUTSIDE))) {
                usedPatches.add(k);
                return rect;
            }
        }
        throw new IllegalStateException("no farmland site at bearing " + bearingDeg);
    }

    /** A place in the county seat south of the city (确山县): a point with some scatter. */
    Coordinate countyPlace() {
        return new Coordinate(Math.round(rnd.nextDouble(-3000, 3000)), Math.round(rnd.nextDouble(-25_500, -22_000)));
    }

    /** A rectangle of w × h metres centred on c, turned by 'angle' radians. */
    Polygon rectangle(Coordinate c, double w, double h, double angle) {
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}, {-w / 2, -h / 2}};
        Coordinate[] cs = new Coordinate[5];
        for (int k = 0; k < 5; k++) {
            cs[k] = new Coordinate(c.x + corners[k][0] * cos - corners[k][1] * sin, c.y + corners[k][0] * sin + corners[k][1] * cos);
        }
        return gf.createPolygon(cs);
    }

    double nextDouble(double lo, double hi) {
        return rnd.nextDouble(lo, hi);
    }

    int nextInt(int lo, int hiExclusive) {
        return rnd.nextInt(lo, hiExclusive);
    }

    private static long blockKey(int i, int j) {
        return ((long) i << 32) | (j & 0xffffffffL);
    }

    private Polygon cellQuad(int i, int j) {
        Coordinate[] c = grid.cellCorners(i, j);
        return gf.createPolygon(new Coordinate[] {c[0], c[1], c[2], c[3], c[0].copy()});
    }

    private Geometry plainRing(Polygon p) {
        return gf.createPolygon(p.getExteriorRing().getCoordinates());
    }
}
