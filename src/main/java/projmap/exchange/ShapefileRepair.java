package projmap.exchange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites the record lengths of a 2D shapefile that H2GIS 2.2.3 has just written, and its index.
 *
 * <p>Why: H2GIS's writer states the content length of a multi-part polygon record 4 bytes longer
 * than what it writes (found by GDAL refusing our exports: "Error in fread() reading object"), so
 * every later offset in the {@code .shx} is off too. The record contents themselves are right and
 * contiguous, so the lengths can be recomputed from each record's own part and point counts. Only
 * the 2D types the export writes are handled (null, point, multipoint, polyline, polygon).
 */
final class ShapefileRepair {
    private ShapefileRepair() {
    }

    static void repair(Path shp, Path shx) throws IOException {
        byte[] data = Files.readAllBytes(shp);
        ByteBuffer b = ByteBuffer.wrap(data);
        int records = 0;
        int pos = 100;
        ByteBuffer index = ByteBuffer.allocate(100 + 8 * Math.max(0, (data.length - 100) / 12 + 1));
        byte[] header = java.util.Arrays.copyOf(data, 100);
        index.put(header);
        while (pos + 12 <= data.length) {
            int type = b.order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 8);
            int content = switch (type) {
                case 0 -> 4;
                case 1 -> 20;
                case 8 -> 40 + 16 * b.order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 8 + 36);
                case 3, 5 -> 44 + 4 * b.order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 8 + 36)
                        + 16 * b.order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 8 + 40);
                default -> throw new IOException("unexpected shape type " + type + " in our own export");
            };
            b.order(ByteOrder.BIG_ENDIAN).putInt(pos + 4, content / 2);
            index.order(ByteOrder.BIG_ENDIAN).putInt(pos / 2).putInt(content / 2);
            records++;
            pos += 8 + content;
        }
        if (pos != data.length) {
            throw new IOException("our shapefile export is inconsistent (" + pos + " of " + data.length + " bytes)");
        }
        b.order(ByteOrder.BIG_ENDIAN).putInt(24, data.length / 2);
        Files.write(shp, data);
        int shxLength = 100 + 8 * records;
        byte[] idx = java.util.Arrays.copyOf(index.array(), shxLength);
        ByteBuffer.wrap(idx).order(ByteOrder.BIG_ENDIAN).putInt(24, shxLength / 2);
        Files.write(shx, idx);
    }
}
