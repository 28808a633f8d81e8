package projmap.geo;

/**
 * One tile of the XYZ (Google / OSM) Web Mercator pyramid: zoom {@code z}, column {@code x} from
 * the antimeridian eastwards, row {@code y} from the north edge southwards.
 *
 * @throws IllegalArgumentException when z is outside 0–{@value #MAX_ZOOM} or x, y outside the zoom's grid
 */
public record TileCoord(int z, int x, int y) {
    /** Deepest zoom served: at z20 a 4096-unit tile has a resolution of about 4 cm per unit. */
    public static final int MAX_ZOOM = 20;

    public TileCoord {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom must lie in 0.." + MAX_ZOOM + ", got " + z);
        }
        int n = 1 << z;
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new IllegalArgumentException("at zoom " + z + " x and y must lie in 0.." + (n - 1) + ", got " + x + "/" + y);
        }
    }

    /** The tile's square in Web Mercator metres (EPSG:3857). */
    public WebMercator.Box mercatorBounds() {
        double size = WebMercator.WORLD / (1 << z);
        double minX = -WebMercator.HALF_WORLD + x * size;
        double maxY = WebMercator.HALF_WORLD - y * size;
        return new WebMercator.Box(minX, maxY - size, minX + size, maxY);
    }

    /** The tile's box in lon/lat, grown on each side by {@code margin} times the tile's size. */
    public BBox lonLatBounds(double margin) {
        WebMercator.Box b = mercatorBounds();
        double m = (b.maxX() - b.minX()) * margin;
        return WebMercator.toLonLat(new WebMercator.Box(b.minX() - m, b.minY() - m, b.maxX() + m, b.maxY() + m));
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
