package projmap.geo;

import org.locationtech.jts.geom.Envelope;

/**
 * A lon/lat bounding box (WGS84 / CGCS2000 degrees), as the {@code bbox} query parameter of the
 * API and of OGC API – Features gives it: {@code minLon,minLat,maxLon,maxLat}.
 */
public record BBox(double minLon, double minLat, double maxLon, double maxLat) {

    public BBox {
        if (!(Double.isFinite(minLon) && Double.isFinite(minLat) && Double.isFinite(maxLon) && Double.isFinite(maxLat))) {
            throw new IllegalArgumentException("coordinates must be finite numbers");
        }
        if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
            throw new IllegalArgumentException("longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
        }
        if (minLon > maxLon || minLat > maxLat) {
            throw new IllegalArgumentException("the minimum must not exceed the maximum (minLon,minLat,maxLon,maxLat)");
        }
    }

    /**
     * Parses {@code minLon,minLat,maxLon,maxLat}.
     *
     * @throws IllegalArgumentException with a message fit to show to the caller
     */
    public static BBox parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected four comma-separated numbers minLon,minLat,maxLon,maxLat, got '" + text + "'");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i].trim() + "' is not a number (minLon,minLat,maxLon,maxLat)");
            }
        }
        return new BBox(v[0], v[1], v[2], v[3]);
    }

    public Envelope toEnvelope() {
        return new Envelope(minLon, maxLon, minLat, maxLat);
    }

    public static BBox of(Envelope e) {
        return new BBox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }

    public double[] toArray() {
        return new double[] {minLon, minLat, maxLon, maxLat};
    }
}
