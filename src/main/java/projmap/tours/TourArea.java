package projmap.tours;

import java.util.ArrayList;
import java.util.List;

/**
 * Which map tiles a tour link may fetch: the same rule as web/js/tour-tiles.js (keep the two in
 * step; {@code TourApiTest} fetches every tile the page would and one just outside). The whole
 * area of the tour (its stops' box grown by {@link #AREA_MARGIN_M}) at zooms
 * {@link #MIN_ZOOM}–{@link #DETAIL_ZOOM}−1, and each stop's surroundings ({@link #STOP_MARGIN_M})
 * at {@link #DETAIL_ZOOM}–{@link #MAX_ZOOM}. A link is not a key to the whole city map.
 */
final class TourArea {
    /** The page's overview goes to z8; the download starts at z10. */
    static final int MIN_ZOOM = 8;
    static final int DETAIL_ZOOM = 14;
    static final int MAX_ZOOM = 17;
    static final double AREA_MARGIN_M = 1000;
    static final double STOP_MARGIN_M = 600;
    private static final double M_PER_DEG_LAT = 111320;

    private final double[] area;
    private final List<double[]> stops;

    private TourArea(double[] area, List<double[]> stops) {
        this.area = area;
        this.stops = stops;
    }

    /** {@code bbox} of all stops [w,s,e,n] (null when none has a position) and each stop's box. */
    static TourArea of(double[] bbox, List<double[]> stopBoxes) {
        List<double[]> grown = new ArrayList<>();
        for (double[] b : stopBoxes) {
            if (b != null) {
                grown.add(grow(b, STOP_MARGIN_M));
            }
        }
        return new TourArea(bbox == null ? null : grow(bbox, AREA_MARGIN_M), grown);
    }

    boolean allows(int z, int x, int y) {
        if (z < MIN_ZOOM || z > MAX_ZOOM) {
            return false;
        }
        if (z < DETAIL_ZOOM) {
            return area != null && covers(area, z, x, y);
        }
        for (double[] b : stops) {
            if (covers(b, z, x, y)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(double[] b, int z, int x, int y) {
        int[] nw = tileOf(b[0], b[3], z);
        int[] se = tileOf(b[2], b[1], z);
        return x >= nw[0] && x <= se[0] && y >= nw[1] && y <= se[1];
    }

    static double[] grow(double[] b, double m) {
        double dLat = m / M_PER_DEG_LAT;
        double midLat = Math.toRadians((b[1] + b[3]) / 2);
        double dLon = m / (M_PER_DEG_LAT * Math.max(0.01, Math.cos(midLat)));
        return new double[] {b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat};
    }

    static int[] tileOf(double lon, double lat, int z) {
        double n = Math.pow(2, z);
        double clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(clamped);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        int max = (int) n - 1;
        return new int[] {Math.min(max, Math.max(0, x)), Math.min(max, Math.max(0, y))};
    }
}
