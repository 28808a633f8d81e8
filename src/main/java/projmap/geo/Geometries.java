package projmap.geo;

import projmap.store.Dialect;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** The one geometry factory of the stores: floating precision, SRID 4326. */
public final class Geometries {
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), Dialect.SRID);

    private Geometries() {
    }
}
