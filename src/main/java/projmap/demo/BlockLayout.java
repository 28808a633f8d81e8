package projmap.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * How one street block (街坊) is cut into parcels (地块): into rows from south to north, and each
 * row into its own columns from west to east, in the block's bilinear (u, v) coordinates.
 *
 * <p>Parcels in neighbouring rows may have different column cuts. To keep the plan free of
 * T-junctions every row boundary carries the cut points of both rows, and every parcel lists all
 * the points on its top and bottom edges; the block's four edge point lists ({@link #south()} …)
 * are what the road faces around the block use. All points are computed once and shared, so the
 * same coordinate values appear in every polygon that touches them — after rounding too.
 *
 * <p>Parcel codes are stored per row and column; a layout with one row and one column is an
 * undivided block.
 */
final class BlockLayout {

    final Coordinate[] corners; // SW, SE, NE, NW
    final double[] rowCuts;      // 0 = v0 < v1 < … < vm = 1
    final double[][] colCuts;    // per row: 0 = u0 < … < uk = 1
    final LandUseCode[][] codes; // per row, per column
    private final Coordinate[][] linePoints; // row boundary k: points in u order
    private final double[][] lineU;

    BlockLayout(Coordinate[] corners, double[] rowCuts, double[][] colCuts, LandUseCode[][] codes) {
        this.corners = corners;
        this.rowCuts = rowCuts;
        this.colCuts = colCuts;
        this.codes = codes;
        int m = rowCuts.length - 1;
        this.linePoints = new Coordinate[m + 1][];
        this.lineU = new double[m + 1][];
        for (int k = 0; k <= m; k++) {
            TreeSet<Double> us = new TreeSet<>();
            if (k > 0) {
                for (double u : colCuts[k - 1]) {
                    us.add(u);
                }
            }
            if (k < m) {
                for (double u : colCuts[k]) {
                    us.add(u);
                }
            }
            lineU[k] = us.stream().mapToDouble(Double::doubleValue).toArray();
            linePoints[k] = new Coordinate[lineU[k].length];
            for (int p = 0; p < lineU[k].length; p++) {
                linePoints[k][p] = point(lineU[k][p], rowCuts[k]);
            }
        }
    }

    /** An undivided block with a single code (or none, for a block outside the plan). */
    static BlockLayout undivided(Coordinate[] corners, LandUseCode code) {
        return new BlockLayout(corners, new double[] {0, 1}, new double[][] {{0, 1}}, new LandUseCode[][] {{code}});
    }

    int rows() {
        return rowCuts.length - 1;
    }

    /** Bilinear point in the block quad; (0,0) is exactly the SW corner, (1,1) exactly the NE. */
    Coordinate point(double u, double v) {
        Coordinate sw = corners[0];
        Coordinate se = corners[1];
        Coordinate ne = corners[2];
        Coordinate nw = corners[3];
        double a = (1 - u) * (1 - v);
        double b = u * (1 - v);
        double c = u * v;
        double d = (1 - u) * v;
        return new Coordinate(a * sw.x + b * se.x + c * ne.x + d * nw.x, a * sw.y + b * se.y + c * ne.y + d * nw.y);
    }

    /** Points along the south edge, west to east. */
    List<Coordinate> south() {
        return Arrays.asList(linePoints[0]);
    }

    /** Points along the north edge, west to east. */
    List<Coordinate> north() {
        return Arrays.asList(linePoints[rows()]);
    }

    /** Points along the west edge, south to north. */
    List<Coordinate> west() {
        List<Coordinate> out = new ArrayList<>();
        for (Coordinate[] line : linePoints) {
            out.add(line[0]);
        }
        return out;
    }

    /** Points along the east edge, south to north. */
    List<Coordinate> east() {
        List<Coordinate> out = new ArrayList<>();
        for (Coordinate[] line : linePoints) {
            out.add(line[line.length - 1]);
        }
        return out;
    }

    /** The whole block as one polygon, with every edge point. */
    Polygon outline(GeometryFactory gf) {
        List<Coordinate> ring = new ArrayList<>(south());
        List<Coordinate> e = east();
        ring.addAll(e.subList(1, e.size()));
        List<Coordinate> n = new ArrayList<>(north());
        Collections.reverse(n);
        ring.addAll(n.subList(1, n.size()));
        List<Coordinate> w = new ArrayList<>(west());
        Collections.reverse(w);
        ring.addAll(w.subList(1, w.size()));
        return polygon(gf, ring);
    }

    /** The parcel in row r, column c. */
    Polygon parcel(GeometryFactory gf, int r, int c) {
        double u0 = colCuts[r][c];
        double u1 = colCuts[r][c + 1];
        List<Coordinate> ring = new ArrayList<>();
        Coordinate[] bottom = linePoints[r];
        double[] bu = lineU[r];
        for (int p = 0; p < bottom.length; p++) {
            if (bu[p] >= u0 && bu[p] <= u1) {
                ring.add(bottom[p]);
            }
        }
        Coordinate[] top = linePoints[r + 1];
        double[] tu = lineU[r + 1];
        for (int p = top.length - 1; p >= 0; p--) {
            if (tu[p] >= u0 && tu[p] <= u1) {
                ring.add(top[p]);
            }
        }
        return polygon(gf, ring);
    }

    /** Does the parcel in row r, column c lie on the block edge facing south/east/north/west? */
    boolean onEdge(int r, int c, int side) {
        return switch (side) {
            case 0 -> r == 0;
            case 1 -> c == colCuts[r].length - 2;
            case 2 -> r == rows() - 1;
            case 3 -> c == 0;
            default -> throw new IllegalArgumentException("side " + side);
        };
    }

    private static Polygon polygon(GeometryFactory gf, List<Coordinate> ring) {
        Coordinate[] cs = new Coordinate[ring.size() + 1];
        for (int k = 0; k < ring.size(); k++) {
            cs[k] = ring.get(k).copy();
        }
        cs[ring.size()] = ring.get(0).copy();
        return gf.createPolygon(cs);
    }
}
