package projmap.exchange;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.locationtech.jts.geom.Geometry;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;
import projmap.geo.Geometries;

/**
 * Reads a FlatGeobuf file with {@code org.wololo:flatgeobuf} (header, features, geometries) and
 * decodes each feature's property buffer by the column types the header declares — not by their
 * declared widths, which GDAL sets to 1 for text of any length. The CRS is the header's EPSG code.
 * The file is mapped, checked once (every feature's length fits in the file) and read afresh on
 * each pass.
 */
final class FlatGeobufSource {
    private FlatGeobufSource() {
    }

    static SourceData read(Path file, ImportLimits limits) {
        checkHeader(file);
        ByteBuffer bb;
        HeaderMeta header;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            bb = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            header = HeaderMeta.read(bb.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new FileRejectedException("corrupt_fgb", "the FlatGeobuf header cannot be read: " + ShapefileSource.rootMessage(e));
        }
        long start = header.offset;
        if (header.indexNodeSize > 0 && header.featuresCount > 0) {
            if (header.featuresCount > limits.maxFeatures()) {
                throw FileRejectedException.tooLarge("the file has " + header.featuresCount + " features; at most "
                        + limits.maxFeatures() + " are accepted");
            }
            start += PackedRTree.calcSize((int) header.featuresCount, header.indexNodeSize);
        }
        // one cheap walk over the length prefixes: a truncated or padded file is refused before any import
        int count = 0;
        long p = start;
        while (p < bb.limit()) {
            if (p + 4 > bb.limit()) {
                throw new FileRejectedException("corrupt_fgb", "the FlatGeobuf file ends inside feature " + (count + 1));
            }
            long size = bb.getInt((int) p) & 0xffffffffL;
            if (size == 0 || p + 4 + size > bb.limit()) {
                throw new FileRejectedException("corrupt_fgb", "feature " + (count + 1) + " claims " + size
                        + " bytes, more than the file holds");
            }
            p += 4 + size;
            if (++count > limits.maxFeatures()) {
                throw FileRejectedException.tooLarge("the file has more than " + limits.maxFeatures() + " features");
            }
        }
        if (header.featuresCount > 0 && count != header.featuresCount) {
            throw new FileRejectedException("corrupt_fgb", "the header says " + header.featuresCount + " features, the file holds "
                    + count);
        }
        ByteBuffer features = bb;
        int first = (int) start;
        HeaderMeta meta = header;
        return new SourceData(ExchangeFormat.FLATGEOBUF, SourceFeatures.streamed(count, () -> new Pass(features, first, meta)),
                header.srid > 0 ? header.srid : null, "UTF-8");
    }

    /** One pass over the features, in file order. */
    private static final class Pass implements Iterator<SourceFeature> {
        private final ByteBuffer bb;
        private final HeaderMeta header;
        private int position;
        private int n;

        Pass(ByteBuffer bb, int start, HeaderMeta header) {
            this.bb = bb;
            this.position = start;
            this.header = header;
        }

        @Override
        public boolean hasNext() {
            return position < bb.limit();
        }

        @Override
        public SourceFeature next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int size = bb.getInt(position);
            ByteBuffer slice = bb.slice(position + 4, size).order(ByteOrder.LITTLE_ENDIAN);
            position += 4 + size;
            n++;
            Map<String, Object> attrs;
            Feature f;
            try {
                f = Feature.getRootAsFeature(slice);
                attrs = properties(f, header.columns);
            } catch (RuntimeException e) {
                throw new FileRejectedException("corrupt_fgb", "feature " + n + " cannot be read: " + ShapefileSource.rootMessage(e));
            }
            try {
                var g = f.geometry();
                if (g == null) {
                    return SourceFeature.broken(n, attrs, "the feature has no geometry");
                }
                // a header of mixed geometries says Unknown (0): each feature then names its own type
                int type = header.geometryType != 0 ? header.geometryType : g.type();
                Geometry geometry = GeometryConversions.deserialize(g, type);
                if (geometry != null) {
                    geometry = Geometries.FACTORY.createGeometry(geometry);
                }
                if (geometry == null || geometry.isEmpty()) {
                    return SourceFeature.broken(n, attrs, "the feature has no geometry");
                }
                return new SourceFeature(n, attrs, geometry, null);
            } catch (RuntimeException | StackOverflowError e) {
                return SourceFeature.broken(n, attrs, "unreadable geometry: " + ShapefileSource.rootMessage(e));
            }
        }
    }

    /**
     * A feature's properties: pairs of a column index (uint16) and a value encoded by the column's
     * type (FlatGeobuf spec, "properties"); text, JSON, date-time and binary carry a uint32 length.
     */
    static Map<String, Object> properties(Feature f, List<ColumnMeta> columns) {
        Map<String, Object> out = new LinkedHashMap<>();
        ByteBuffer p = f.propertiesAsByteBuffer();
        if (p == null || columns == null) {
            return out;
        }
        p = p.slice().order(ByteOrder.LITTLE_ENDIAN);
        while (p.remaining() > 0) {
            if (p.remaining() < 2) {
                throw new IllegalArgumentException("the property buffer ends inside a column index");
            }
            int index = Short.toUnsignedInt(p.getShort());
            if (index >= columns.size()) {
                throw new IllegalArgumentException("property column " + index + " is not in the header");
            }
            ColumnMeta c = columns.get(index);
            Object v = switch (c.type) {
                case ColumnType.Bool -> p.get() != 0;
                case ColumnType.Byte -> (int) p.get();
                case ColumnType.UByte -> Byte.toUnsignedInt(p.get());
                case ColumnType.Short -> (int) p.getShort();
                case ColumnType.UShort -> Short.toUnsignedInt(p.getShort());
                case ColumnType.Int -> p.getInt();
                case ColumnType.UInt -> Integer.toUnsignedLong(p.getInt());
                case ColumnType.Long -> p.getLong();
                case ColumnType.ULong -> new BigDecimal(Long.toUnsignedString(p.getLong()));
                case ColumnType.Float -> p.getFloat();
                case ColumnType.Double -> p.getDouble();
                case ColumnType.String, ColumnType.Json, ColumnType.DateTime, ColumnType.Binary -> {
                    long length = Integer.toUnsignedLong(p.getInt());
                    if (length > p.remaining()) {
                        throw new IllegalArgumentException("the value of '" + c.name + "' claims " + length
                                + " bytes, more than the feature holds");
                    }
                    byte[] bytes = new byte[(int) length];
                    p.get(bytes);
                    yield c.type == ColumnType.Binary ? null : dateOrText(c.type, new String(bytes, StandardCharsets.UTF_8));
                }
                default -> throw new IllegalArgumentException("column '" + c.name + "' has unknown type " + c.type);
            };
            out.put(c.name, Staging.normalise(v));
        }
        return out;
    }

    private static Object dateOrText(byte type, String s) {
        if (type == ColumnType.DateTime && s.length() >= 10) {
            try {
                return java.time.LocalDate.parse(s.substring(0, 10));
            } catch (java.time.format.DateTimeParseException e) {
                return s;
            }
        }
        return s;
    }

    /** The header length the file claims must fit in the file: the reader would allocate it blindly. */
    private static void checkHeader(Path file) {
        try (var f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[12];
            if (f.length() < 12) {
                throw new FileRejectedException("corrupt_fgb", "the FlatGeobuf file is shorter than its header");
            }
            f.readFully(head);
            long size = java.nio.ByteBuffer.wrap(head, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (size > f.length() - 12 || size > (64 << 20)) {
                throw new FileRejectedException("corrupt_fgb", "the FlatGeobuf header claims " + size
                        + " bytes, more than the file holds");
            }
        } catch (java.io.IOException e) {
            throw new FileRejectedException("corrupt_fgb", "the FlatGeobuf file cannot be read: " + e.getMessage());
        }
    }
}
