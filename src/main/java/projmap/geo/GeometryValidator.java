package projmap.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks a lon/lat geometry before it is stored or analysed: not empty, inside the lon/lat range
 * and a sane extent, and valid in the OGC sense ({@link IsValidOp}; a small polygon without holes
 * is first tried by {@link SimpleShell}), reporting the kind of error and the position where it
 * occurs. Stateless and thread-safe.
 */
public final class GeometryValidator {
    /** Mainland China and its seas with a margin: anything outside is a swapped axis or a projected file. */
    public static final Envelope SANE_EXTENT = new Envelope(70, 140, 0, 60);

    private GeometryValidator() {
    }

    /** Throws {@link GeometryInputException} naming the first problem found. */
    public static void check(Geometry geometry) {
        if (geometry == null || geometry.isEmpty()) {
            throw new GeometryInputException("empty_geometry", "the geometry is empty", "$");
        }
        for (Coordinate c : geometry.getCoordinates()) {
            if (c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
                throw new GeometryInputException("out_of_range", "position " + GeoJsonReader.fmt(c)
                        + " is not a longitude/latitude (longitude −180…180, latitude −90…90); "
                        + "a projected file needs its CRS (crs=EPSG:4547 …)", GeoJsonReader.fmt(c));
            }
            if (!SANE_EXTENT.contains(c.x, c.y)) {
                throw new GeometryInputException("out_of_extent", "position " + GeoJsonReader.fmt(c)
                        + " lies outside China (70–140°E, 0–60°N); are longitude and latitude swapped?",
                        GeoJsonReader.fmt(c));
            }
        }
        if (SimpleShell.certainlyValid(geometry)) {
            return;   // a small simple polygon: no need to build IsValidOp's index
        }
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw new GeometryInputException("invalid_geometry", "invalid geometry: " + error.getMessage()
                    + (at == null ? "" : " at " + GeoJsonReader.fmt(at)), at == null ? "$" : GeoJsonReader.fmt(at));
        }
    }
}
