package projmap.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import projmap.demo.RoadGrid.RoadClass;

/**
 * Builds the demo land-use plan: every block of the road grid that touches the central urban
 * area is cut into parcels ({@link BlockLayout}) and given GB 50137 classes by a simple urban
 * pattern; the road corridors between blocks become S1 parcels, one grid line becomes the river
 * (E1) with green banks, four blocks around the centre become the central park with its lake, and
 * everything is clipped to the central urban area.
 *
 * <p>The pattern: commerce and offices (B1/B2) and the civic centre (A1, G3) in the middle; old
 * mixed housing (R3) west of the centre; second-class housing (R2) everywhere else, with schools,
 * pocket parks, clinics, utilities and bus depots sprinkled in and shops along arterials; whole
 * blocks for the city hospital (A5), the sports centre (A4) and the exhibition centre (A2/B2);
 * industry and warehousing (M1/M2/W1) in the economic development zone and the industrial
 * cluster, light industry and offices in the high-tech zone; a railway hub (S3) in the west.
 *
 * <p>Why build the mesh by hand instead of overlaying polygons: neighbouring faces are made from
 * the very same corner values, so they share edges exactly, before and after rounding. Only faces
 * crossing the central urban area's edge go through a JTS overlay; the generator checks the whole
 * result with {@code CoverageValidator}.
 */
final class LandUsePlanBuilder {

    /** Size of a regulatory-plan unit (控规编制单元) used in plan numbers. */
    private static final double UNIT_SIZE = 2000;
    /** Clipped pieces smaller or thinner than this are not kept as parcels (m², m). */
    private static final double MIN_PIECE_AREA = 1000;
    private static final double MIN_PIECE_HALF_WIDTH = 2.5;

    private enum Character { CIVIC, HUB, HOSPITAL, SPORTS, EXPO, CBD, OLD_CORE, RESIDENTIAL, INDUSTRIAL, HIGH_TECH }

    private record Face(LandUseCode code, Polygon metres, int cellI, int cellJ) {
    }

    private final LocalPlane plane;
    private final GeometryFactory gf;
    private final PlanningBoundaries boundaries;
    private final DistrictMap districts;
    private final RoadGrid grid;
    private final SplittableRandom rnd;
    private final Map<Long, BlockLayout> layouts = new HashMap<>();

    private int iMin;
    private int iMax;
    private int jMin;
    private int jMax;
    private int parkI;
    private int parkJ;
    private int[] civicCell;
    private int[] hubCell;
    private int[] hospitalCell;
    private int[] sportsCell;
    private int[] expoCell;

    LandUsePlanBuilder(LocalPlane plane, PlanningBoundaries boundaries, DistrictMap districts, RoadGrid grid, SplittableRandom rnd) {
        this.plane = plane;
        this.gf = plane.metres();
        this.boundaries = boundaries;
        this.districts = districts;
        this.grid = grid;
        this.rnd = rnd;
    }

    LandUsePlan build() {
        Envelope env = boundaries.centralUrbanArea.getEnvelopeInternal();
        iMin = Math.max(1, RoadGrid.nearest(grid.baseX, env.getMinX()) - 2);
        iMax = Math.min(grid.nx() - 3, RoadGrid.nearest(grid.baseX, env.getMaxX()) + 2);
        jMin = Math.max(1, RoadGrid.nearest(grid.baseY, env.getMinY()) - 2);
        jMax = Math.min(grid.ny() - 3, RoadGrid.nearest(grid.baseY, env.getMaxY()) + 2);
        civicCell = grid.cellAt(new Coordinate(0, 0));
        hubCell = grid.cellAt(new Coordinate(-6400, 700));
        hospitalCell = grid.cellAt(new Coordinate(-1200, 2300));
        sportsCell = grid.cellAt(new Coordinate(-2600, -2700));
        expoCell = grid.cellAt(new Coordinate(3400, 2600));
        choosePark();

        for (int j = jMin - 1; j <= jMax + 1; j++) {
            for (int i = iMin - 1; i <= iMax + 1; i++) {
                layouts.put(key(i, j), layout(i, j));
            }
        }

        List<Face> faces = new ArrayList<>();
        Polygon[] parkAndLake = null;
        for (int j = jMin; j <= jMax; j++) {
            for (int i = iMin; i <= iMax; i++) {
                BlockLayout b = layouts.get(key(i, j));
                if (isParkCell(i, j)) {
                    if (i == parkI && j == parkJ) {
                        parkAndLake = centralParkAndLake();
                        faces.add(new Face(LandUseCode.G1, parkAndLake[0], i, j));
                        faces.add(new Face(LandUseCode.E1, parkAndLake[1], -1, -1));
                    }
                } else if (b.codes[0][0] != null) {
                    for (int r = 0; r < b.rows(); r++) {
                        for (int c = 0; c < b.colCuts[r].length - 1; c++) {
                            faces.add(new Face(b.codes[r][c], b.parcel(gf, r, c), i, j));
                        }
                    }
                }
                if (!isParkInternalVertical(i + 1, j)) {
                    faces.add(new Face(LandUseCode.S1, verticalRoad(i + 1, j), -1, -1));
                }
                if (!isParkInternalHorizontal(j + 1, i)) {
                    LandUseCode code = grid.hClass[j + 1] == RoadClass.RIVER ? LandUseCode.E1 : LandUseCode.S1;
                    faces.add(new Face(code, horizontalRoad(j + 1, i), -1, -1));
                }
                if (!(i + 1 == parkI + 1 && j + 1 == parkJ + 1)) {
                    faces.add(new Face(crossingCode(i + 1, j + 1), crossing(i + 1, j + 1), -1, -1));
                }
            }
        }
        List<Geometry> pieces = new ArrayList<>();
        List<Parcel> parcels = clipAndNumber(faces, pieces);
        return new LandUsePlan(parcels, parkAndLake[0], parkAndLake[1], nodedOutline(pieces));
    }

    // ---- the central park ---------------------------------------------------------------

    /** Four blocks north-east of the centre, away from arterials inside and from the river. */
    private void choosePark() {
        int[] target = grid.cellAt(new Coordinate(900, 1300));
        int bestI = -1;
        int bestJ = -1;
        double bestD = Double.MAX_VALUE;
        for (int i = target[0] - 4; i <= target[0] + 4; i++) {
            for (int j = target[1] - 4; j <= target[1] + 4; j++) {
                boolean ok = grid.vClass[i + 1] != RoadClass.ARTERIAL && grid.hClass[j + 1] != RoadClass.ARTERIAL
                        && Math.abs(j - grid.riverLine) > 3
                        && !(civicCell[0] >= i && civicCell[0] <= i + 1 && civicCell[1] >= j && civicCell[1] <= j + 1);
                double d = Math.abs(i - target[0]) + Math.abs(j - target[1]);
                if (ok && d < bestD) {
                    bestD = d;
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        parkI = bestI;
        parkJ = bestJ;
    }

    private boolean isParkCell(int i, int j) {
        return i >= parkI && i <= parkI + 1 && j >= parkJ && j <= parkJ + 1;
    }

    private boolean isParkInternalVertical(int line, int j) {
        return line == parkI + 1 && (j == parkJ || j == parkJ + 1);
    }

    private boolean isParkInternalHorizontal(int line, int i) {
        return line == parkJ + 1 && (i == parkI || i == parkI + 1);
    }

    /** {park with the lake as a hole, lake}: the union of four blocks and the roads between them. */
    private Polygon[] centralParkAndLake() {
        List<Geometry> parts = new ArrayList<>();
        for (int di = 0; di <= 1; di++) {
            for (int dj = 0; dj <= 1; dj++) {
                parts.add(layouts.get(key(parkI + di, parkJ + dj)).outline(gf));
            }
        }
        parts.add(verticalRoad(parkI + 1, parkJ));
        parts.add(verticalRoad(parkI + 1, parkJ + 1));
        parts.add(horizontalRoad(parkJ + 1, parkI));
        parts.add(horizontalRoad(parkJ + 1, parkI + 1));
        parts.add(crossing(parkI + 1, parkJ + 1));
        Polygon park = (Polygon) CoverageUnion.union(parts.toArray(new Geometry[0]));

        Coordinate centre = park.getCentroid().getCoordinate();
        Geometry inner = park.buffer(-60);
        double phase = rnd.nextDouble(2 * Math.PI);
        double[] wobble = new double[40];
        for (int k = 0; k < wobble.length; k++) {
            wobble[k] = rnd.nextDouble(-0.03, 0.03);
        }
        for (double scale = 1.0; scale > 0.2; scale *= 0.9) {
            Coordinate[] ring = new Coordinate[41];
            for (int k = 0; k < 40; k++) {
                double t = 2 * Math.PI * k / 40;
                double r = scale * (1 + 0.18 * StrictMath.cos(2 * t + phase) + 0.08 * StrictMath.cos(3 * t + 2 * phase) + wobble[k]);
                ring[k] = new Coordinate(centre.x + 150 * r * StrictMath.cos(t), centre.y + 95 * r * StrictMath.sin(t));
            }
            ring[40] = ring[0].copy();
            Polygon lake = gf.createPolygon(ring);
            if (inner.contains(lake)) {
                // the park's hole is the lake's own ring, so the two share every vertex
                LinearRing shell = gf.createLinearRing(park.getExteriorRing().getCoordinates());
                Polygon withHole = gf.createPolygon(shell, new LinearRing[] {gf.createLinearRing(ring)});
                return new Polygon[] {withHole, lake};
            }
        }
        throw new IllegalStateException("no room for the lake in the central park");
    }

    // ---- road, river and crossing faces -------------------------------------------------

    /** The road corridor on vertical line i between horizontal lines j and j+1. */
    private Polygon verticalRoad(int i, int j) {
        List<Coordinate> ring = new ArrayList<>(layouts.get(key(i - 1, j)).east());
        List<Coordinate> other = new ArrayList<>(layouts.get(key(i, j)).west());
        Collections.reverse(other);
        ring.addAll(other);
        return ring(ring);
    }

    /** The road (or river) corridor on horizontal line j between vertical lines i and i+1. */
    private Polygon horizontalRoad(int j, int i) {
        List<Coordinate> ring = new ArrayList<>(layouts.get(key(i, j - 1)).north());
        List<Coordinate> other = new ArrayList<>(layouts.get(key(i, j)).south());
        Collections.reverse(other);
        ring.addAll(other);
        return ring(ring);
    }

    /** The crossing at node (i, j), bounded by the nearest corners of the four blocks around it. */
    private Polygon crossing(int i, int j) {
        List<Coordinate> ring = List.of(
                layouts.get(key(i - 1, j - 1)).corners[2],
                layouts.get(key(i, j - 1)).corners[3],
                layouts.get(key(i, j)).corners[0],
                layouts.get(key(i - 1, j)).corners[1]);
        return ring(ring);
    }

    /** Roads bridge the river only where they are arterial or secondary; elsewhere the river runs on. */
    private LandUseCode crossingCode(int i, int j) {
        if (grid.hClass[j] == RoadClass.RIVER) {
            return grid.vClass[i] == RoadClass.BRANCH ? LandUseCode.E1 : LandUseCode.S1;
        }
        return LandUseCode.S1;
    }

    private Polygon ring(List<Coordinate> pts) {
        Coordinate[] cs = new Coordinate[pts.size() + 1];
        for (int k = 0; k < pts.size(); k++) {
            cs[k] = pts.get(k).copy();
        }
        cs[pts.size()] = pts.get(0).copy();
        return gf.createPolygon(cs);
    }

    // ---- blocks ------------------------------------------------------------------------

    private BlockLayout layout(int i, int j) {
        Coordinate[] corners = grid.cellCorners(i, j);
        Polygon quad = gf.createPolygon(new Coordinate[] {corners[0], corners[1], corners[2], corners[3], corners[0].copy()});
        if (isParkCell(i, j) || !boundaries.centralUrbanAreaPrep.intersects(quad)) {
            return BlockLayout.undivided(corners, null);
        }
        Coordinate centre = quad.getCentroid().getCoordinate();
        Character ch = character(i, j, centre);
        if (ch == Character.CIVIC) {
            return new BlockLayout(corners, new double[] {0, 0.5, 1}, new double[][] {{0, 0.34, 0.66, 1}, {0, 0.34, 0.66, 1}},
                    new LandUseCode[][] {{LandUseCode.A1, LandUseCode.G3, LandUseCode.A2}, {LandUseCode.B1, LandUseCode.G3, LandUseCode.B2}});
        }
        if (ch == Character.HUB) {
            return new BlockLayout(corners, new double[] {0, 0.55, 1}, new double[][] {{0, 0.3, 0.7, 1}, {0, 0.35, 0.65, 1}},
                    new LandUseCode[][] {{LandUseCode.S4, LandUseCode.S3, LandUseCode.S4}, {LandUseCode.B1, LandUseCode.G3, LandUseCode.B2}});
        }
        if (ch == Character.HOSPITAL) {
            return new BlockLayout(corners, new double[] {0, 1}, new double[][] {{0, 0.7, 1}},
                    new LandUseCode[][] {{LandUseCode.A5, LandUseCode.G1}});
        }
        if (ch == Character.SPORTS) {
            return BlockLayout.undivided(corners, LandUseCode.A4);
        }
        if (ch == Character.EXPO) {
            return new BlockLayout(corners, new double[] {0, 1}, new double[][] {{0, 0.65, 1}},
                    new LandUseCode[][] {{LandUseCode.A2, LandUseCode.B2}});
        }
        if (ch == Character.RESIDENTIAL && rnd.nextDouble() < 0.025) {
            return BlockLayout.undivided(corners, LandUseCode.G1); // a neighbourhood park
        }
        boolean riverNorth = j + 1 == grid.riverLine;
        boolean riverSouth = j == grid.riverLine;

        int rows = switch (ch) {
            case INDUSTRIAL -> pick(1, 2, 2);
            case HIGH_TECH -> pick(2, 2, 3);
            case OLD_CORE -> pick(3, 4, 4);
            case CBD -> pick(2, 3, 3);
            default -> pick(3, 3, 4);
        };
        double[] cuts = cuts(rows);
        int greenRow = -1;
        if (riverNorth || riverSouth) {
            double g = rnd.nextDouble(0.14, 0.22);
            double[] withGreen = new double[rows + 2];
            if (riverSouth) {
                withGreen[0] = 0;
                for (int k = 0; k <= rows; k++) {
                    withGreen[k + 1] = g + (1 - g) * cuts[k];
                }
                greenRow = 0;
            } else {
                for (int k = 0; k <= rows; k++) {
                    withGreen[k] = (1 - g) * cuts[k];
                }
                withGreen[rows + 1] = 1;
                greenRow = rows;
            }
            cuts = withGreen;
            rows += 1;
        }
        double[][] cols = new double[rows][];
        LandUseCode[][] codes = new LandUseCode[rows][];
        LandUseCode main = mainCode(ch);
        for (int r = 0; r < rows; r++) {
            int k = r == greenRow ? pick(1, 2) : switch (ch) {
                case INDUSTRIAL -> pick(1, 2, 2, 3);
                case HIGH_TECH -> pick(2, 3);
                case OLD_CORE -> pick(3, 4, 4);
                default -> pick(2, 3, 4, 4);
            };
            cols[r] = cuts(k);
            codes[r] = new LandUseCode[k];
        }
        BlockLayout tmp = new BlockLayout(corners, cuts, cols, codes); // codes are filled in below
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols[r].length - 1; c++) {
                if (r == greenRow) {
                    codes[r][c] = c % 2 == 0 ? LandUseCode.G2 : LandUseCode.G1;
                } else {
                    codes[r][c] = parcelCode(ch, main, tmp, r, c, i, j);
                }
            }
        }
        return tmp;
    }

    private Character character(int i, int j, Coordinate c) {
        if (i == civicCell[0] && j == civicCell[1]) {
            return Character.CIVIC;
        }
        if (i == hubCell[0] && j == hubCell[1]) {
            return Character.HUB;
        }
        if (i == hospitalCell[0] && j == hospitalCell[1]) {
            return Character.HOSPITAL;
        }
        if (i == sportsCell[0] && j == sportsCell[1]) {
            return Character.SPORTS;
        }
        if (i == expoCell[0] && j == expoCell[1]) {
            return Character.EXPO;
        }
        if (districts.inEconomicZone(c) || districts.inIndustrialCluster(c)) {
            return Character.INDUSTRIAL;
        }
        if (districts.inHighTechZone(c)) {
            return Character.HIGH_TECH;
        }
        double r = StrictMath.hypot(c.x, c.y);
        if (r < 1600) {
            return Character.CBD;
        }
        if (r < 3300 && c.x < 800) {
            return Character.OLD_CORE;
        }
        return Character.RESIDENTIAL;
    }

    private LandUseCode mainCode(Character ch) {
        double p = rnd.nextDouble();
        return switch (ch) {
            case CBD -> p < 0.4 ? LandUseCode.B1 : p < 0.75 ? LandUseCode.B2 : LandUseCode.R2;
            case OLD_CORE -> p < 0.45 ? LandUseCode.R3 : p < 0.9 ? LandUseCode.R2 : LandUseCode.B1;
            case INDUSTRIAL -> p < 0.45 ? LandUseCode.M2 : p < 0.8 ? LandUseCode.M1 : LandUseCode.W1;
            case HIGH_TECH -> p < 0.55 ? LandUseCode.M1 : p < 0.8 ? LandUseCode.B2 : LandUseCode.R2;
            default -> p < 0.86 ? LandUseCode.R2 : p < 0.93 ? LandUseCode.R1 : LandUseCode.R3;
        };
    }

    private LandUseCode parcelCode(Character ch, LandUseCode main, BlockLayout b, int r, int c, int i, int j) {
        boolean onArterial = (b.onEdge(r, c, 0) && grid.hClass[j] == RoadClass.ARTERIAL)
                || (b.onEdge(r, c, 1) && grid.vClass[i + 1] == RoadClass.ARTERIAL)
                || (b.onEdge(r, c, 2) && grid.hClass[j + 1] == RoadClass.ARTERIAL)
                || (b.onEdge(r, c, 3) && grid.vClass[i] == RoadClass.ARTERIAL);
        double p = rnd.nextDouble();
        if (ch == Character.INDUSTRIAL) {
            if (p < 0.10) {
                return weighted(new LandUseCode[] {LandUseCode.G2, LandUseCode.U1, LandUseCode.U2, LandUseCode.S4, LandUseCode.B1},
                        new double[] {0.35, 0.2, 0.15, 0.15, 0.15});
            }
            return main;
        }
        if (onArterial && main.residential() && p < 0.35) {
            return LandUseCode.B1;
        }
        if (p > 0.86) {
            return weighted(new LandUseCode[] {
                LandUseCode.A33, LandUseCode.G1, LandUseCode.A5, LandUseCode.U1, LandUseCode.U2, LandUseCode.S4,
                LandUseCode.A2, LandUseCode.A4, LandUseCode.A6, LandUseCode.B1, LandUseCode.A1,
            }, new double[] {0.26, 0.25, 0.06, 0.05, 0.05, 0.06, 0.05, 0.03, 0.05, 0.10, 0.04});
        }
        return main;
    }

    private LandUseCode weighted(LandUseCode[] codes, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double p = rnd.nextDouble(total);
        for (int k = 0; k < codes.length; k++) {
            p -= weights[k];
            if (p < 0) {
                return codes[k];
            }
        }
        return codes[codes.length - 1];
    }

    /** n parts of [0, 1], roughly equal with some variation: 0 = c0 < c1 < … < cn = 1. */
    private double[] cuts(int n) {
        double[] out = new double[n + 1];
        out[n] = 1;
        for (int k = 1; k < n; k++) {
            out[k] = (k + rnd.nextDouble(-0.28, 0.28)) / n;
        }
        return out;
    }

    private int pick(int... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static long key(int i, int j) {
        return ((long) i << 32) | (j & 0xffffffffL);
    }

    // ---- clipping and numbering ---------------------------------------------------------

    /**
     * The union of every piece of every face inside the central urban area — the kept parcels and
     * the slivers too small to keep: the central urban area itself, noded with the parcel edges.
     */
    private Polygon nodedOutline(List<Geometry> pieces) {
        Geometry union = CoverageUnion.union(pieces.toArray(new Geometry[0]));
        double expected = boundaries.centralUrbanArea.getArea();
        if (!(union instanceof Polygon p) || p.getNumInteriorRing() != 0 || Math.abs(p.getArea() - expected) > 1e-6 * expected) {
            throw new IllegalStateException("the land-use faces do not cover the central urban area exactly: " + union.getGeometryType()
                    + ", " + union.getArea() + " m² against " + expected);
        }
        return p;
    }

    /** Clips faces to the central urban area; every piece goes to 'pieces', the usable ones become parcels. */
    private List<Parcel> clipAndNumber(List<Face> faces, List<Geometry> pieces) {
        Envelope cuaEnv = boundaries.centralUrbanArea.getEnvelopeInternal();
        List<Face> kept = new ArrayList<>();
        List<Boolean> clipped = new ArrayList<>();
        for (Face f : faces) {
            if (!cuaEnv.intersects(f.metres().getEnvelopeInternal())) {
                continue;
            }
            if (boundaries.centralUrbanAreaPrep.containsProperly(f.metres())) {
                kept.add(f);
                clipped.add(false);
                pieces.add(f.metres());
            } else if (boundaries.centralUrbanAreaPrep.intersects(f.metres())) {
                Geometry cut = OverlayNGRobust.overlay(f.metres(), boundaries.centralUrbanArea, OverlayNG.INTERSECTION);
                for (int k = 0; k < cut.getNumGeometries(); k++) {
                    Geometry part = cut.getGeometryN(k);
                    if (part instanceof Polygon) {
                        pieces.add(part);
                    }
                    if (part instanceof Polygon p && p.getArea() >= MIN_PIECE_AREA
                            && p.getArea() / p.getLength() >= MIN_PIECE_HALF_WIDTH) {
                        kept.add(new Face(f.code(), p, f.cellI(), f.cellJ()));
                        clipped.add(true);
                    }
                }
            }
        }

        // Units are numbered from the north-west, row by row; parcels within a unit in plan order.
        TreeMap<Long, Integer> unitNumbers = new TreeMap<>();
        long[] unitOf = new long[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            Coordinate c = kept.get(k).metres().getInteriorPoint().getCoordinate();
            long row = (long) Math.floor((RoadGrid.EXTENT - c.y) / UNIT_SIZE);
            long col = (long) Math.floor((c.x + RoadGrid.EXTENT) / UNIT_SIZE);
            unitOf[k] = row * 1000 + col;
            unitNumbers.put(unitOf[k], 0);
        }
        int n = 1;
        for (Map.Entry<Long, Integer> e : unitNumbers.entrySet()) {
            e.setValue(n++);
        }
        Map<Long, Integer> plotCounter = new HashMap<>();
        List<Parcel> parcels = new ArrayList<>(kept.size());
        for (int k = 0; k < kept.size(); k++) {
            Face f = kept.get(k);
            int unit = unitNumbers.get(unitOf[k]);
            int plot = plotCounter.merge(unitOf[k], 1, Integer::sum);
            String planNo = "ZMD-KG-" + twoDigits(unit) + "-" + twoDigits(plot);
            parcels.add(new Parcel(f.code(), planNo, ratio(f.code().farMin, f.code().farMax, 1),
                    ratio(f.code().greenMin, f.code().greenMax, 2), f.metres(),
                    (Polygon) plane.toLonLat(f.metres()), f.cellI(), f.cellJ(), clipped.get(k)));
        }
        return parcels;
    }

    /** At least two digits: 3 → "03", 112 → "112". */
    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private BigDecimal ratio(double min, double max, int decimals) {
        if (Double.isNaN(min)) {
            return null;
        }
        double scale = decimals == 1 ? 10 : 100;
        long lo = Math.round(min * scale);
        long hi = Math.round(max * scale);
        return BigDecimal.valueOf(lo + rnd.nextLong(hi - lo + 1), decimals);
    }
}
