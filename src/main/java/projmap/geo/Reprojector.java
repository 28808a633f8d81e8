package projmap.geo;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Brings geometries given in another coordinate reference system to the stores' lon/lat (SRID 4326),
 * with proj4j and its EPSG table (proj4j-epsg).
 *
 * <p>CRS names are accepted as {@code EPSG:4547}, {@code 4547}, {@code urn:ogc:def:crs:EPSG::4547},
 * {@code http://www.opengis.net/def/crs/EPSG/0/4547}, and {@code CRS84}/{@code OGC:CRS84}. EPSG:4326,
 * EPSG:4490 (CGCS2000) and CRS84 are lon/lat already and are passed through untouched: CGCS2000 and
 * WGS84 differ by centimetres (see DESIGN.md). A projected CRS (e.g. EPSG:4547, CGCS2000 3-degree
 * Gauss–Krüger CM 114°E, easting first as in CAD/GIS files) is inverted to lon/lat on its own
 * ellipsoid and then, when the datum differs, moved to CGCS2000 (EPSG:4490) as far as the EPSG
 * table's {@code +towgs84} allows — legacy Xian 1980 / Beijing 1954 data has no exact generic
 * transformation and keeps an error of tens of metres.
 *
 * <p>Only vertices are transformed: an edge that is straight in the projection stays a straight
 * lon/lat edge, which over a planning site (metres to kilometres) differs by far less than a
 * millimetre. Thread-safe: CRS definitions are cached, and each call makes its own transform
 * (proj4j transforms keep scratch state).
 */
public final class Reprojector {
    private static final Pattern EPSG = Pattern.compile(
            "(?i)^(?:EPSG:{1,2}|urn:ogc:def:crs:EPSG:[^:]*:|https?://www\\.opengis\\.net/def/crs/EPSG/[^/]+/)?(\\d{4,6})$");
    private static final Pattern CRS84 = Pattern.compile(
            "(?i)^(?:OGC:)?CRS:?84$|^urn:ogc:def:crs:OGC:[^:]*:CRS84$|^https?://www\\.opengis\\.net/def/crs/OGC/[^/]+/CRS84$");

    private final Map<Integer, CoordinateReferenceSystem> cache = new ConcurrentHashMap<>();

    /**
     * proj4j, set up on first use: its registry of projections is a hundred classes, and most
     * sites and files arrive in lon/lat — a server start should not wait for them.
     */
    private static final class Proj4 {
        static final CRSFactory FACTORY = new CRSFactory();
        static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
        static final CoordinateReferenceSystem CGCS2000 = FACTORY.createFromName("EPSG:4490");
    }

    public Reprojector() {
    }

    /** A resolved CRS: its EPSG code (4326 for lon/lat), and whether coordinates need transforming. */
    public record Crs(int epsg, String name, boolean lonLat) {
        public static final Crs LON_LAT = new Crs(4326, "EPSG:4326", true);
    }

    /**
     * Resolves a CRS name; empty when it is not a name this server knows.
     */
    public Optional<Crs> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(Crs.LON_LAT);
        }
        String n = name.trim();
        if (CRS84.matcher(n).matches()) {
            return Optional.of(Crs.LON_LAT);
        }
        Matcher m = EPSG.matcher(n);
        if (!m.matches()) {
            return Optional.empty();
        }
        int code = Integer.parseInt(m.group(1));
        if (code == 4326 || code == 4490) {
            // EPSG order is lat/lon for both, but GeoJSON and every web client send lon/lat: lon/lat it is
            return Optional.of(new Crs(code, "EPSG:" + code, true));
        }
        return definition(code).map(crs -> new Crs(code, "EPSG:" + code, false));
    }

    /** Resolves a CRS name, or throws {@link GeometryInputException} {@code unknown_crs}. */
    public Crs require(String name, String where) {
        return resolve(name).orElseThrow(() -> new GeometryInputException("unknown_crs", "unknown coordinate reference "
                + "system '" + name + "'; give an EPSG code such as EPSG:4547 (CGCS2000 3° Gauss–Krüger CM 114°E), "
                + "EPSG:4526 (the same with zone prefix 38) or EPSG:4490/EPSG:4326 (lon/lat)", where));
    }

    private Optional<CoordinateReferenceSystem> definition(int code) {
        CoordinateReferenceSystem known = cache.get(code);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            CoordinateReferenceSystem crs = Proj4.FACTORY.createFromName("EPSG:" + code);
            if (crs == null) {
                return Optional.empty();
            }
            cache.put(code, crs);
            return Optional.of(crs);
        } catch (RuntimeException e) {
            // proj4j: UnknownAuthorityCodeException, UnsupportedParameterException …
            return Optional.empty();
        }
    }

    /** Returns {@code g} in lon/lat (a transformed copy; {@code g} itself when already lon/lat). */
    public Geometry toLonLat(Geometry g, Crs crs) {
        if (crs.lonLat()) {
            return g;
        }
        return transform(g, Proj4.TRANSFORMS.createTransform(definition(crs.epsg()).orElseThrow(), Proj4.CGCS2000), 4326);
    }

    /** Returns lon/lat {@code g} in the given CRS (for tests and exports). */
    public Geometry fromLonLat(Geometry g, Crs crs) {
        if (crs.lonLat()) {
            return g;
        }
        return transform(g, Proj4.TRANSFORMS.createTransform(Proj4.CGCS2000, definition(crs.epsg()).orElseThrow()), crs.epsg());
    }

    private static Geometry transform(Geometry g, CoordinateTransform transform, int srid) {
        Geometry out = g.copy();
        out.apply(new CoordinateSequenceFilter() {
            final ProjCoordinate in = new ProjCoordinate();
            final ProjCoordinate res = new ProjCoordinate();

            @Override
            public void filter(CoordinateSequence seq, int i) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                transform.transform(in, res);
                seq.setOrdinate(i, 0, res.x);
                seq.setOrdinate(i, 1, res.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        out.geometryChanged();
        out.setSRID(srid);
        return out;
    }
}
