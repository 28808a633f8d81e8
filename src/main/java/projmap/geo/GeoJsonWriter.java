package projmap.geo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes JTS geometries as RFC 7946 GeoJSON straight into a Jackson stream: lon, lat order, no
 * {@code crs} member, coordinates rounded to 7 decimals (about 1 cm), which is below the accuracy
 * of any planning data and keeps responses small.
 *
 * <p>Streaming (rather than building a tree) keeps the whole-programme FeatureCollection cheap.
 * Polygon rings are written as stored; the stores keep them as they were validated. Stateless and
 * thread-safe.
 */
public final class GeoJsonWriter {
    private static final double SCALE = 1e7;

    private GeoJsonWriter() {
    }

    public static void writeGeometry(JsonGenerator g, Geometry geometry) throws IOException {
        if (geometry == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", geometry.getGeometryType());
        if (geometry instanceof GeometryCollection && !(geometry instanceof MultiPoint
                || geometry instanceof MultiLineString || geometry instanceof MultiPolygon)) {
            g.writeArrayFieldStart("geometries");
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                writeGeometry(g, geometry.getGeometryN(i));
            }
            g.writeEndArray();
        } else {
            g.writeFieldName("coordinates");
            writeCoordinates(g, geometry);
        }
        g.writeEndObject();
    }

    private static void writeCoordinates(JsonGenerator g, Geometry geometry) throws IOException {
        if (geometry instanceof Point point) {
            if (point.isEmpty()) {
                g.writeStartArray();
                g.writeEndArray();
            } else {
                writePosition(g, point.getCoordinate());
            }
        } else if (geometry instanceof LineString line) {
            writeSequence(g, line.getCoordinateSequence());
        } else if (geometry instanceof Polygon polygon) {
            g.writeStartArray();
            if (!polygon.isEmpty()) {
                writeSequence(g, polygon.getExteriorRing().getCoordinateSequence());
                for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                    writeSequence(g, polygon.getInteriorRingN(i).getCoordinateSequence());
                }
            }
            g.writeEndArray();
        } else {
            // MultiPoint, MultiLineString, MultiPolygon
            g.writeStartArray();
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                writeCoordinates(g, geometry.getGeometryN(i));
            }
            g.writeEndArray();
        }
    }

    private static void writeSequence(JsonGenerator g, CoordinateSequence seq) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < seq.size(); i++) {
            g.writeStartArray();
            g.writeNumber(round(seq.getX(i)));
            g.writeNumber(round(seq.getY(i)));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void writePosition(JsonGenerator g, Coordinate c) throws IOException {
        g.writeStartArray();
        g.writeNumber(round(c.getX()));
        g.writeNumber(round(c.getY()));
        g.writeEndArray();
    }

    static double round(double v) {
        return Math.round(v * SCALE) / SCALE;
    }
}
