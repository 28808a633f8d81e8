package projmap.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import projmap.checks.SiteReport.Reason;
import projmap.checks.Verdicts.Level;
import projmap.geo.GeoJsonReader;
import projmap.geo.GeodesicMeasure;
import projmap.geo.GeometryInputException;
import projmap.geo.GeometryValidator;
import projmap.geo.Reprojector;
import projmap.projects.Category;

/**
 * Turns a site as a caller sends it into a {@link SiteInput}, or refuses it with a
 * {@link GeometryInputException} naming the problem and where it is (HTTP 400).
 *
 * <p>Accepted: a GeoJSON geometry (Polygon, MultiPolygon, LineString, MultiLineString, Point,
 * MultiPoint), a Feature with one (its {@code properties.category} is used), or
 * {@code {"geometry": …, "category": …, "crs": …}}. The CRS comes from the {@code crs} argument, else
 * the object's {@code crs} member (a name string or the 2008 GeoJSON {@code {"type":"name",…}} form),
 * else lon/lat. In order: structure, vertex limit, emptiness, CRS, validity (in the CRS the caller
 * used, so that the position of a self-intersection is in their coordinates), range, size limit.
 * An invalid geometry is repaired ({@link GeometryFixer}) only when asked, and the report says so.
 * Thread-safe.
 */
final class SiteReader {
    private final Reprojector reprojector;
    private final CheckSettings settings;
    private final GeoJsonReader geoJson = new GeoJsonReader();

    SiteReader(Reprojector reprojector, CheckSettings settings) {
        this.reprojector = reprojector;
        this.settings = settings;
    }

    /** What a request asks for besides the geometry; nulls where the request is silent. */
    record Options(String category, String crs, boolean repair) {
    }

    /** Reads a request body (already parsed JSON). */
    SiteInput read(JsonNode body, Options options) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new GeometryInputException("invalid_geojson", "the request body is empty; send a GeoJSON geometry or Feature", "$");
        }
        if (!body.isObject()) {
            throw new GeometryInputException("invalid_geojson", "a GeoJSON object is expected", "$");
        }
        JsonNode node = body;
        String where = "$";
        if ("FeatureCollection".equals(body.path("type").asText())) {
            JsonNode features = body.path("features");
            if (!features.isArray() || features.size() != 1) {
                throw new GeometryInputException("unsupported_type", "a FeatureCollection is accepted with exactly one "
                        + "Feature (the site), it has " + (features.isArray() ? features.size() : 0), "features");
            }
            node = features.get(0);
            where = "features[0]";
        } else if (!body.has("type") && body.has("geometry")) {
            node = body.get("geometry");
            where = "geometry";
        }
        String category = firstText(options.category(), body.path("category"), node.path("properties").path("category"));
        Category cat = null;
        if (category != null) {
            String c = category;
            cat = Category.byCode(c).orElseThrow(() -> new GeometryInputException("unknown_category",
                    "unknown project category '" + c + "'; expected one of " + String.join(", ",
                            java.util.Arrays.stream(Category.values()).map(Category::code).toList()), "category"));
        }
        String crsName = firstText(options.crs(), crsMember(body), crsMember(node));

        Geometry g = where.equals("$") ? geoJson.read(node) : geoJsonAt(node, where);
        return prepare(g, cat, crsName, options.repair());
    }

    private Geometry geoJsonAt(JsonNode node, String where) {
        if ("Feature".equals(node.path("type").asText())) {
            JsonNode geometry = node.get("geometry");
            if (geometry == null || geometry.isNull()) {
                throw new GeometryInputException("empty_geometry", "the Feature has no geometry", where + ".geometry");
            }
            return geoJson.readGeometry(geometry, where + ".geometry");
        }
        return geoJson.readGeometry(node, where);
    }

    /** Checks and prepares a geometry already read (CLI, project geometries). */
    SiteInput prepare(Geometry g, Category category, String crsName, boolean repair) {
        if (g instanceof GeometryCollection && !(g instanceof MultiPoint || g instanceof MultiLineString
                || g instanceof MultiPolygon)) {
            throw new GeometryInputException("unsupported_type", "unsupported geometry type " + g.getGeometryType()
                    + ": a site is one Polygon, MultiPolygon, LineString, MultiLineString, Point or MultiPoint", "$.type");
        }
        int vertices = g.getNumPoints();
        if (vertices > settings.maxVertices()) {
            throw new GeometryInputException("too_many_vertices", "the site has " + vertices + " vertices; the limit is "
                    + settings.maxVertices() + " (PROJMAP_CHECK_MAX_VERTICES)", "$");
        }
        if (g.isEmpty()) {
            throw new GeometryInputException("empty_geometry", "the geometry is empty", "$");
        }
        Reprojector.Crs crs = reprojector.require(crsName, "crs");
        List<Reason> notes = new ArrayList<>();
        boolean repaired = false;
        if (!crs.lonLat()) {
            // validity first in the caller's own coordinates, so that the location means something to them
            TopologyValidationError error = new IsValidOp(g).getValidationError();
            if (error != null) {
                if (!repair) {
                    throw invalid(error, crs.name());
                }
                notes.add(repairNote(error, crs.name()));
                g = GeometryFixer.fix(g);
                repaired = true;
            }
            g = reprojector.toLonLat(g, crs);
        }
        try {
            GeometryValidator.check(g);
        } catch (GeometryInputException e) {
            if (!e.code().equals("invalid_geometry") || !repair) {
                if (e.code().equals("invalid_geometry")) {
                    throw new GeometryInputException(e.code(), e.getMessage() + "; add ?repair=true to have it repaired",
                            e.where());
                }
                if (e.code().equals("out_of_range") && crs.lonLat()) {
                    throw new GeometryInputException(e.code(), e.getMessage() + hintProjected(g), e.where());
                }
                throw e;
            }
            TopologyValidationError error = new IsValidOp(g).getValidationError();
            notes.add(repairNote(error, "lon/lat"));
            g = GeometryFixer.fix(g);
            repaired = true;
            if (g.isEmpty()) {
                throw new GeometryInputException("empty_geometry", "nothing is left of the geometry after repair", "$");
            }
            GeometryValidator.check(g);
        }
        g.setSRID(4326);
        double limitM2 = settings.maxAreaKm2() * 1e6;
        double area = GeodesicMeasure.area(g);
        if (area > limitM2) {
            throw new GeometryInputException("too_large", String.format(Locale.ROOT,
                    "the site covers %.1f km²; the limit is %.0f km² (PROJMAP_CHECK_MAX_AREA_KM2)", area / 1e6,
                    settings.maxAreaKm2()), "$");
        }
        return new SiteInput(g, category, crs.name(), repaired, notes);
    }

    private static String hintProjected(Geometry g) {
        Coordinate c = g.getCoordinate();
        if (c != null && c.x >= 38_000_000 && c.x < 39_000_000) {
            return "; an easting of 38 xxx xxx looks like EPSG:4526 (CGCS2000 3° zone 38 with prefix)";
        }
        if (c != null && c.x > 100_000 && c.x < 900_000 && c.y > 2_000_000) {
            return "; an easting near 500 000 looks like EPSG:4547 (CGCS2000 3° Gauss–Krüger CM 114°E)";
        }
        return "";
    }

    private static GeometryInputException invalid(TopologyValidationError error, String crs) {
        Coordinate at = error.getCoordinate();
        String position = at == null ? "$" : "(" + at.x + ", " + at.y + ")";
        return new GeometryInputException("invalid_geometry", "invalid geometry: " + error.getMessage()
                + (at == null ? "" : " at " + position + " (" + crs + ")") + "; add ?repair=true to have it repaired",
                position);
    }

    private static Reason repairNote(TopologyValidationError error, String crs) {
        Coordinate at = error == null ? null : error.getCoordinate();
        String what = error == null ? "invalid" : error.getMessage();
        String pos = at == null ? "" : " (" + at.x + ", " + at.y + ", " + crs + ")";
        return new Reason(Level.INFO, "场地几何无效（" + what + pos + "），已按要求自动修复；结果以修复后的几何为准",
                "The site geometry was invalid (" + what + pos + ") and was repaired as asked; figures are for the repaired geometry");
    }

    private static String crsMember(JsonNode node) {
        JsonNode crs = node == null ? null : node.get("crs");
        if (crs == null || crs.isNull()) {
            return null;
        }
        if (crs.isTextual()) {
            return crs.asText();
        }
        JsonNode name = crs.path("properties").path("name");
        return name.isTextual() ? name.asText() : null;
    }

    private static String firstText(String first, Object... more) {
        if (first != null && !first.isBlank()) {
            return first.trim();
        }
        for (Object o : more) {
            if (o instanceof String s && !s.isBlank()) {
                return s.trim();
            }
            if (o instanceof JsonNode n && n.isTextual() && !n.asText().isBlank()) {
                return n.asText().trim();
            }
        }
        return null;
    }
}
