package projmap.exchange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2gis.api.EmptyProgressVisitor;
import org.h2gis.functions.io.fgb.FGBDriverFunction;

/**
 * Reads a FlatGeobuf file with H2GIS's driver (built on {@code org.wololo:flatgeobuf}). The CRS is
 * the header's EPSG code, which the driver puts on the geometries as their SRID.
 */
final class FlatGeobufSource {
    private FlatGeobufSource() {
    }

    static SourceData read(Path file, ImportLimits limits) {
        checkHeader(file);
        List<SourceFeature> out = new ArrayList<>();
        int[] srid = {0};
        try (Staging staging = new Staging()) {
            new FGBDriverFunction().importFile(staging.connection(), staging.mainTable, file.toFile(), true, new EmptyProgressVisitor());
            staging.rows(staging.mainTable, row -> {
                if (out.size() >= limits.maxFeatures()) {
                    throw FileRejectedException.tooLarge("the file has more than " + limits.maxFeatures() + " features");
                }
                var g = row.getValue();
                if (g.getSRID() > 0) {
                    srid[0] = g.getSRID();
                }
                out.add(g.isEmpty() ? SourceFeature.broken(out.size() + 1, row.getKey(), "the feature has no geometry")
                        : new SourceFeature(out.size() + 1, row.getKey(), g, null));
            });
        } catch (FileRejectedException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new FileRejectedException("corrupt_fgb", "the FlatGeobuf file cannot be read: " + ShapefileSource.rootMessage(e));
        }
        return new SourceData(ExchangeFormat.FLATGEOBUF, out, srid[0] > 0 ? srid[0] : null, "UTF-8");
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
