package projmap.exchange;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import projmap.geo.GeometryInputException;
import projmap.geo.GeometryValidator;

/** The geometry steps every import takes per record: reproject to lon/lat, then validate. */
final class Rows {
    private Rows() {
    }

    /** The record's geometry in lon/lat, checked; throws {@link IllegalArgumentException} with the reason. */
    static Geometry geometry(SourceFeature f, CrsChoice crs, boolean unwrapSingleParts) {
        return geometry(f, crs.crs(), crs.epsg(), unwrapSingleParts);
    }

    /** As above with the CRS resolved once by the caller (a bulk load resolves it once, not per row). */
    static Geometry geometry(SourceFeature f, projmap.geo.Reprojector.Crs crs, int epsg, boolean unwrapSingleParts) {
        return geometry(f, crs, epsg, unwrapSingleParts, true);
    }

    /**
     * As above; {@code ownFactory} false keeps the reader's geometry object (labelled EPSG:4326)
     * instead of copying it onto {@link projmap.geo.Geometries#FACTORY} — for a bulk load, which
     * only validates, encodes and hashes it (the copy was a seventh of the checking work).
     */
    static Geometry geometry(SourceFeature f, projmap.geo.Reprojector.Crs crs, int epsg, boolean unwrapSingleParts,
                             boolean ownFactory) {
        if (f.problem() != null) {
            throw new IllegalArgumentException(f.problem());
        }
        Geometry g = f.geometry();
        if (g == null || g.isEmpty()) {
            throw new IllegalArgumentException("the record has no geometry");
        }
        if (g instanceof GeometryCollection && g.getGeometryType().equals("GeometryCollection")) {
            throw new IllegalArgumentException("a GeometryCollection cannot be stored; use a single or Multi geometry");
        }
        for (var c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw new IllegalArgumentException("coordinates must be finite numbers, got (" + c.x + ", " + c.y + ")");
            }
        }
        if (unwrapSingleParts && g.getNumGeometries() == 1 && g instanceof GeometryCollection) {
            // a shapefile cannot tell a line from a one-part polyline: keep the simple type
            g = g.getGeometryN(0);
        }
        Geometry lonLat;
        try {
            lonLat = CrsChoice.REPROJECTOR.toLonLat(g, crs);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot reproject from EPSG:" + epsg + ": " + e.getMessage());
        }
        if (ownFactory || !lonLat.getFactory().getPrecisionModel().isFloating()) {
            lonLat = projmap.geo.Geometries.FACTORY.createGeometry(lonLat);
        } else {
            lonLat.setSRID(projmap.geo.Geometries.FACTORY.getSRID());
        }
        try {
            GeometryValidator.check(lonLat);
        } catch (GeometryInputException e) {
            throw new IllegalArgumentException(e.code() + ": " + e.getMessage());
        }
        return lonLat;
    }

    static void checkCount(SourceData data, ImportLimits limits) {
        if (data.features().size() > limits.maxFeatures()) {
            throw FileRejectedException.tooLarge("the file has " + data.features().size() + " records; at most "
                    + limits.maxFeatures() + " are accepted");
        }
        if (data.features().isEmpty()) {
            throw new FileRejectedException("no_features", "the file holds no records");
        }
    }

    static ImportReport.Rejection reject(int row, String reason) {
        return new ImportReport.Rejection(row, reason);
    }

    static <T> List<T> copy(List<T> l) {
        return List.copyOf(l);
    }
}
