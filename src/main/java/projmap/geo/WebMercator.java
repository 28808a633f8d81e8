package projmap.geo;

/**
 * Spherical Web Mercator (EPSG:3857) for tiles and map images: lon/lat degrees to metres and back.
 * Latitudes beyond ±85.0511° (where the square world ends) are clamped to it. Stateless, thread-safe.
 *
 * <p>Written out rather than taken from proj4j: the formulas are two lines each, they run for every
 * vertex of every tile, and proj4j's general transform object is not thread-safe.
 */
public final class WebMercator {
    public static final double RADIUS = 6378137.0;
    public static final double HALF_WORLD = Math.PI * RADIUS;
    public static final double WORLD = 2 * HALF_WORLD;
    public static final double MAX_LAT = 85.0511287798066;

    private WebMercator() {
    }

    /** A box in Web Mercator metres. */
    public record Box(double minX, double minY, double maxX, double maxY) {
        public double width() {
            return maxX - minX;
        }

        public double height() {
            return maxY - minY;
        }
    }

    public static double x(double lon) {
        return Math.toRadians(lon) * RADIUS;
    }

    public static double y(double lat) {
        double clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
        return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2)) * RADIUS;
    }

    public static double lon(double x) {
        return Math.toDegrees(x / RADIUS);
    }

    public static double lat(double y) {
        return Math.toDegrees(2 * Math.atan(Math.exp(y / RADIUS)) - Math.PI / 2);
    }

    public static BBox toLonLat(Box b) {
        double minX = Math.max(-HALF_WORLD, b.minX());
        double maxX = Math.min(HALF_WORLD, b.maxX());
        double minY = Math.max(-HALF_WORLD, b.minY());
        double maxY = Math.min(HALF_WORLD, b.maxY());
        // clamped: lon(HALF_WORLD) is 180 plus a rounding error, which BBox would refuse
        return new BBox(Math.max(-180, lon(minX)), lat(minY), Math.min(180, lon(maxX)), lat(maxY));
    }

    public static Box fromLonLat(BBox b) {
        return new Box(x(b.minLon()), y(b.minLat()), x(b.maxLon()), y(b.maxLat()));
    }
}
