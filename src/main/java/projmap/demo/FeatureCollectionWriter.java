package projmap.demo;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Streams a gzipped RFC 7946 FeatureCollection, one feature per line, in a byte-stable form.
 *
 * <p>Coordinates are lon/lat already rounded to micro-degrees ({@link LocalPlane}); they are
 * written from their integer micro-degree value, not through {@code Double.toString}, so the text
 * is the same on every JDK. Exterior rings are written counter-clockwise and holes clockwise (the
 * RFC 7946 right-hand rule). Property values may be {@code String}, {@code Integer}, {@code Long},
 * {@code BigDecimal} or {@code null}, written in the map's order. The gzip header carries no time
 * stamp or file name. Not thread-safe; one writer per file.
 */
final class FeatureCollectionWriter implements Closeable {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final Writer out;
    private final JsonGenerator gen;
    private boolean first = true;
    private int count;

    FeatureCollectionWriter(Path file) throws IOException {
        OutputStream os = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16);
        this.out = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        this.gen = JSON.createGenerator(out);
        gen.setRootValueSeparator(null);
        out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
    }

    int count() {
        return count;
    }

    void write(Map<String, Object> properties, Geometry lonLat) throws IOException {
        if (!first) {
            gen.flush();
            out.write(",\n");
        }
        first = false;
        gen.writeStartObject();
        gen.writeStringField("type", "Feature");
        gen.writeObjectFieldStart("properties");
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            gen.writeFieldName(e.getKey());
            writeValue(e.getValue());
        }
        gen.writeEndObject();
        gen.writeFieldName("geometry");
        writeGeometry(lonLat);
        gen.writeEndObject();
        count++;
    }

    @Override
    public void close() throws IOException {
        gen.flush();
        out.write("\n]}\n");
        gen.close();
        out.close();
    }

    private void writeValue(Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Integer n) {
            gen.writeNumber(n);
        } else if (v instanceof Long n) {
            gen.writeNumber(n);
        } else if (v instanceof BigDecimal d) {
            gen.writeNumber(d.toPlainString());
        } else {
            throw new IllegalArgumentException("unsupported property value " + v.getClass());
        }
    }

    private void writeGeometry(Geometry g) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("type", g.getGeometryType());
        gen.writeFieldName("coordinates");
        if (g instanceof Point p) {
            position(p.getCoordinate());
        } else if (g instanceof LineString l) {
            positions(l.getCoordinates());
        } else if (g instanceof Polygon p) {
            polygon(p);
        } else if (g instanceof MultiPoint mp) {
            gen.writeStartArray();
            for (int k = 0; k < mp.getNumGeometries(); k++) {
                position(mp.getGeometryN(k).getCoordinate());
            }
            gen.writeEndArray();
        } else if (g instanceof MultiLineString ml) {
            gen.writeStartArray();
            for (int k = 0; k < ml.getNumGeometries(); k++) {
                positions(ml.getGeometryN(k).getCoordinates());
            }
            gen.writeEndArray();
        } else if (g instanceof MultiPolygon mp) {
            gen.writeStartArray();
            for (int k = 0; k < mp.getNumGeometries(); k++) {
                polygon((Polygon) mp.getGeometryN(k));
            }
            gen.writeEndArray();
        } else {
            throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
        }
        gen.writeEndObject();
    }

    private void polygon(Polygon p) throws IOException {
        gen.writeStartArray();
        positions(oriented(p.getExteriorRing().getCoordinates(), true));
        for (int k = 0; k < p.getNumInteriorRing(); k++) {
            positions(oriented(p.getInteriorRingN(k).getCoordinates(), false));
        }
        gen.writeEndArray();
    }

    private static Coordinate[] oriented(Coordinate[] ring, boolean ccw) {
        if (Orientation.isCCW(ring) == ccw) {
            return ring;
        }
        Coordinate[] r = new Coordinate[ring.length];
        for (int k = 0; k < ring.length; k++) {
            r[k] = ring[ring.length - 1 - k];
        }
        return r;
    }

    private void positions(Coordinate[] cs) throws IOException {
        gen.writeStartArray();
        for (Coordinate c : cs) {
            position(c);
        }
        gen.writeEndArray();
    }

    private void position(Coordinate c) throws IOException {
        gen.writeStartArray();
        gen.writeNumber(microDegrees(c.x));
        gen.writeNumber(microDegrees(c.y));
        gen.writeEndArray();
    }

    /** "114.0235" for 114.023500: the exact 6-decimal value with trailing zeros dropped. */
    static String microDegrees(double deg) {
        long u = Math.round(deg * 1_000_000.0);
        StringBuilder sb = new StringBuilder(12);
        if (u < 0) {
            sb.append('-');
            u = -u;
        }
        sb.append(u / 1_000_000);
        long frac = u % 1_000_000;
        if (frac != 0) {
            String digits = Long.toString(frac);
            String f = "000000".substring(digits.length()) + digits; // no String.format: locale-free
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.toString();
    }
}
