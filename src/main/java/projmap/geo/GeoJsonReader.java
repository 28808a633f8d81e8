package projmap.geo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads RFC 7946 GeoJSON geometries into JTS, checking the structure as it goes and naming the
 * JSON path of the first problem ({@code coordinates[1][0]: ring is not closed}).
 *
 * <p>Written here rather than taken from jts-io-common because that reader reports malformed input
 * as bare parse exceptions without a location, and planners need to know where their file is
 * broken. It checks structure only (types, nesting, finite numbers, closed rings, enough
 * positions); OGC validity (self-intersection …) is {@link GeometryValidator}'s job. Coordinates
 * are taken as they come (lon/lat unless the caller reprojects); a third ordinate is dropped.
 * Stateless and thread-safe.
 */
public final class GeoJsonReader {
    private final GeometryFactory factory;

    public GeoJsonReader(GeometryFactory factory) {
        this.factory = factory;
    }

    public GeoJsonReader() {
        this(Geometries.FACTORY);
    }

    /** Reads a Geometry object, or the geometry of a Feature. */
    public Geometry read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid("a GeoJSON object is expected", "$");
        }
        String type = node.path("type").asText("");
        if (type.equals("Feature")) {
            JsonNode geometry = node.get("geometry");
            if (geometry == null || geometry.isNull()) {
                throw new GeometryInputException("empty_geometry", "the Feature has no geometry", "geometry");
            }
            return readGeometry(geometry, "geometry");
        }
        return readGeometry(node, "$");
    }

    public Geometry readGeometry(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw invalid("a geometry object is expected", path);
        }
        String type = node.path("type").asText("");
        if (type.equals("GeometryCollection")) {
            JsonNode members = node.get("geometries");
            if (members == null || !members.isArray()) {
                throw invalid("a GeometryCollection needs a 'geometries' array", path);
            }
            List<Geometry> parts = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                parts.add(readGeometry(members.get(i), path + ".geometries[" + i + "]"));
            }
            return factory.createGeometryCollection(parts.toArray(Geometry[]::new));
        }
        JsonNode c = node.get("coordinates");
        String cp = (path.equals("$") ? "" : path + ".") + "coordinates";
        if (c == null || !c.isArray()) {
            if (type.isEmpty()) {
                throw invalid("the object has no 'type'", path);
            }
            if (!isGeometryType(type)) {
                throw new GeometryInputException("unsupported_type", "unsupported geometry type '" + type
                        + "' (Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon)", path + ".type");
            }
            throw invalid("a 'coordinates' array is expected", cp);
        }
        return switch (type) {
            case "Point" -> point(c, cp);
            case "LineString" -> line(c, cp);
            case "Polygon" -> polygon(c, cp);
            case "MultiPoint" -> {
                Point[] pts = new Point[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    pts[i] = point(c.get(i), cp + "[" + i + "]");
                }
                yield factory.createMultiPoint(pts);
            }
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    lines[i] = line(c.get(i), cp + "[" + i + "]");
                }
                yield factory.createMultiLineString(lines);
            }
            case "MultiPolygon" -> {
                Polygon[] polys = new Polygon[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    polys[i] = polygon(c.get(i), cp + "[" + i + "]");
                }
                yield factory.createMultiPolygon(polys);
            }
            default -> throw new GeometryInputException("unsupported_type", "unsupported geometry type '" + type
                    + "' (Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon)", path + ".type");
        };
    }

    private static boolean isGeometryType(String type) {
        return List.of("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon",
                "GeometryCollection").contains(type);
    }

    private Point point(JsonNode c, String path) {
        if (c.isArray() && c.isEmpty()) {
            return factory.createPoint();
        }
        return factory.createPoint(position(c, path));
    }

    private LineString line(JsonNode c, String path) {
        Coordinate[] coords = positions(c, path);
        if (coords.length == 1) {
            throw invalid("a line needs at least 2 positions, got 1", path);
        }
        return factory.createLineString(coords);
    }

    private Polygon polygon(JsonNode c, String path) {
        if (!c.isArray()) {
            throw invalid("an array of rings is expected", path);
        }
        if (c.isEmpty()) {
            return factory.createPolygon();
        }
        LinearRing shell = ring(c.get(0), path + "[0]");
        LinearRing[] holes = new LinearRing[c.size() - 1];
        for (int i = 1; i < c.size(); i++) {
            holes[i - 1] = ring(c.get(i), path + "[" + i + "]");
        }
        return factory.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode c, String path) {
        Coordinate[] coords = positions(c, path);
        if (coords.length < 4) {
            throw invalid("a polygon ring needs at least 4 positions, got " + coords.length, path);
        }
        if (!coords[0].equals2D(coords[coords.length - 1])) {
            throw new GeometryInputException("unclosed_ring", "the ring is not closed: its first position "
                    + fmt(coords[0]) + " differs from its last " + fmt(coords[coords.length - 1]), path);
        }
        return factory.createLinearRing(coords);
    }

    private Coordinate[] positions(JsonNode c, String path) {
        if (!c.isArray()) {
            throw invalid("an array of positions is expected", path);
        }
        Coordinate[] coords = new Coordinate[c.size()];
        for (int i = 0; i < c.size(); i++) {
            coords[i] = position(c.get(i), path + "[" + i + "]");
        }
        return coords;
    }

    private static Coordinate position(JsonNode p, String path) {
        if (p == null || !p.isArray() || p.size() < 2) {
            throw invalid("a position [x, y] is expected", path);
        }
        JsonNode x = p.get(0);
        JsonNode y = p.get(1);
        if (!x.isNumber() || !y.isNumber()) {
            throw new GeometryInputException("not_finite", "coordinates must be numbers, got " + p, path);
        }
        double xv = x.asDouble();
        double yv = y.asDouble();
        if (!Double.isFinite(xv) || !Double.isFinite(yv)) {
            throw new GeometryInputException("not_finite", "coordinates must be finite numbers, got " + p, path);
        }
        return new Coordinate(xv, yv);
    }

    private static GeometryInputException invalid(String message, String path) {
        return new GeometryInputException("invalid_geojson", message, path);
    }

    static String fmt(Coordinate c) {
        return "(" + c.x + ", " + c.y + ")";
    }
}
