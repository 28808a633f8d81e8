package projmap.exchange;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.h2gis.functions.io.shp.internal.IndexFile;
import org.h2gis.functions.io.shp.internal.SHPDriver;
import org.h2gis.functions.io.shp.internal.ShapefileReader;
import org.locationtech.jts.geom.Geometry;
import projmap.geo.CrsResolver;

/**
 * Reads the shapefiles of an unpacked upload (one or several, e.g. an export split by geometry
 * type) with H2GIS's driver, after checking what the driver trusts: the three parts are there, the
 * lengths the headers claim are the lengths of the files, the index and the table count the same
 * records. The DBF encoding is the one given, else the {@code .cpg}'s, else {@link DbfEncoding}'s
 * verdict; the CRS is the {@code .prj}'s when {@link CrsResolver} can name it.
 */
final class ShapefileSource {
    private ShapefileSource() {
    }

    static SourceData read(List<Path> files, ImportOptions options, ImportLimits limits) {
        Map<String, Map<String, Path>> sets = new TreeMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot <= 0) {
                continue;
            }
            String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            sets.computeIfAbsent(name.substring(0, dot).toLowerCase(Locale.ROOT), k -> new TreeMap<>()).put(ext, f);
        }
        List<Part> out = new ArrayList<>();
        int total = 0;
        Integer epsg = null;
        String encodingUsed = null;
        boolean any = false;
        for (var set : sets.entrySet()) {
            Map<String, Path> parts = set.getValue();
            if (!parts.containsKey("shp")) {
                if (parts.containsKey("dbf") || parts.containsKey("shx")) {
                    throw new FileRejectedException("missing_part", "'" + set.getKey() + "' has no .shp: a shapefile needs .shp, .shx and .dbf");
                }
                continue;
            }
            any = true;
            for (String need : List.of("shx", "dbf")) {
                if (!parts.containsKey(need)) {
                    throw new FileRejectedException("missing_part", "'" + set.getKey() + ".shp' comes without its ." + need
                            + ": a shapefile needs .shp, .shx and .dbf together");
                }
            }
            int records = checkParts(set.getKey(), parts.get("shp"), parts.get("shx"), parts.get("dbf"));
            if (total + records > limits.maxFeatures()) {
                throw FileRejectedException.tooLarge("the shapefile has " + (total + records) + " records; at most "
                        + limits.maxFeatures() + " are accepted");
            }
            Charset encoding = encoding(parts, options);
            encodingUsed = encoding.name();
            try {
                if (!DbfEncoding.decodes(parts.get("dbf"), encoding)) {
                    throw new FileRejectedException("wrong_encoding", "'" + set.getKey() + ".dbf' is not valid " + encoding.name()
                            + (parts.containsKey("cpg") && options.encoding() == null ? " although its .cpg says so" : "")
                            + "; give the right encoding with encoding=GBK");
                }
            } catch (IOException e) {
                throw new FileRejectedException("corrupt_shapefile", "the .dbf cannot be read: " + e.getMessage());
            }
            Integer fileEpsg = prj(parts.get("prj"), options);
            if (epsg != null && fileEpsg != null && !epsg.equals(fileEpsg)) {
                throw new FileRejectedException("mixed_crs", "the shapefiles in the archive use different CRSs (EPSG:" + epsg
                        + " and EPSG:" + fileEpsg + ")");
            }
            epsg = fileEpsg != null ? fileEpsg : epsg;
            Part part = new Part(set.getKey(), parts.get("shp"), encoding, records);
            Pass.probe(part);   // the driver accepts the headers: refused now, not mid-import
            out.add(part);
            total += records;
        }
        if (!any) {
            throw new FileRejectedException("missing_part", "no .shp file found in the upload");
        }
        List<Part> partsRead = List.copyOf(out);
        return new SourceData(ExchangeFormat.SHAPEFILE, SourceFeatures.streamed(total, () -> new Pass(partsRead)), epsg,
                encodingUsed);
    }

    /** One shapefile of the upload, checked: its name, .shp, DBF encoding and record count. */
    private record Part(String name, Path shp, Charset encoding, int records) {
    }

    /**
     * One pass over the records of every part in turn, read straight from the files with H2GIS's
     * shapefile driver (no table in between). A record that does not decode, or a part that ends
     * early, stops the pass with the reason, at that record.
     *
     * <p>Records are read in blocks, the two halves of a block side by side on {@link #BLOCK_READERS},
     * each half with a {@link Readers} of its own for the .shp, .shx and .dbf (H2GIS's readers are
     * not thread-safe; they read by position, so two can read one file), opened once per part —
     * a half never runs while the same half of the previous block does, as each block waits for
     * both. Decoding the DBF fields and the polygons' rings was all of the pass's time, and the
     * pass was the slowest stage of an import of a 200,000-record shapefile; the DBF fields are
     * decoded by {@link DbfRecords}.
     */
    private static final class Pass implements java.util.Iterator<SourceFeature> {
        private static final int BLOCK = 1024;
        private static final java.util.concurrent.ExecutorService BLOCK_READERS = blockReaders();

        private final List<Part> parts;
        private int partIndex = -1;
        private Part part;
        private SHPDriver driver;
        private String[] names;
        private int geometryIndex;
        private long row;
        private int n;
        /** The readers of the current part: one set for each half of a block. */
        private final Readers[] halves = new Readers[2];
        /** The block read ahead: features, then the failure that ended it (if any). */
        private final java.util.ArrayDeque<Object> ready = new java.util.ArrayDeque<>();

        Pass(List<Part> parts) {
            this.parts = parts;
        }

        private static java.util.concurrent.ExecutorService blockReaders() {
            java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
            return java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "projmap-shapefile-reader-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        static void probe(Part p) {
            try {
                open(p).close();
            } catch (IOException e) {
                // opened read-only: nothing to flush
            }
        }

        static SHPDriver open(Part p) {
            try {
                SHPDriver d = new SHPDriver();
                d.initDriverFromFile(p.shp().toFile(), p.encoding().name());
                return d;
            } catch (IOException | RuntimeException e) {
                throw new FileRejectedException("corrupt_shapefile", "'" + p.name() + ".shp' cannot be read: " + rootMessage(e));
            }
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty()) {
                readBlock();
            }
            if (ready.peek() instanceof RuntimeException e) {
                ready.clear();
                close();
                throw e;
            }
            return !ready.isEmpty();
        }

        @Override
        public SourceFeature next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return (SourceFeature) ready.poll();
        }

        /** Reads the next block of records into {@link #ready} (nothing when every part is read). */
        private void readBlock() {
            while (driver == null || row >= driver.getRowCount()) {
                if (driver != null) {
                    close();
                }
                if (++partIndex >= parts.size()) {
                    return;
                }
                part = parts.get(partIndex);
                driver = open(part);
                if (driver.getRowCount() != part.records()) {
                    long read = driver.getRowCount();
                    close();
                    throw new FileRejectedException("corrupt_shapefile", "'" + part.name() + "': read " + read
                            + " records where the table says " + part.records());
                }
                geometryIndex = driver.getGeometryFieldIndex();
                names = new String[driver.getFieldCount()];
                var header = driver.getDbaseFileHeader();
                for (int i = 0, j = 0; i < names.length; i++) {
                    names[i] = i == geometryIndex ? null : header.getFieldName(j++);
                }
                row = 0;
                try {
                    for (int h = 0; h < halves.length; h++) {
                        halves[h] = new Readers(driver, part.encoding());
                    }
                } catch (IOException | RuntimeException e) {
                    RuntimeException failure = unreadable(0, e);
                    close();
                    throw failure;
                }
            }
            long first = row;
            int count = (int) Math.min(BLOCK, driver.getRowCount() - first);
            long half = first + count / 2;
            Readers frontReaders = halves[0];
            Readers backReaders = halves[1];
            var front = java.util.concurrent.CompletableFuture.supplyAsync(() -> records(frontReaders, first, half), BLOCK_READERS);
            var back = java.util.concurrent.CompletableFuture.supplyAsync(() -> records(backReaders, half, first + count), BLOCK_READERS);
            Records a = join(front);
            Records rest = join(back);   // waited for even when unused: its readers may be closed next
            Records b = a.failure() == null ? rest : Records.NONE;
            for (Records read : List.of(a, b)) {
                for (int k = 0; k < read.attributes().size(); k++) {
                    n++;
                    Geometry g = read.shapes().get(k);
                    Map<String, Object> attrs = read.attributes().get(k);
                    ready.add(g == null || g.isEmpty() ? SourceFeature.broken(n, attrs, "the record has no geometry (null shape)")
                            : new SourceFeature(n, attrs, g, null));
                }
            }
            row = first + count;
            RuntimeException failure = a.failure() != null ? a.failure() : b.failure();
            if (failure != null) {
                ready.add(failure);   // the records before it first, then the reason, where the bad record would be
            }
        }

        /** The shapes and fields of consecutive records, or those before the first bad one and why it is bad. */
        private record Records(List<Geometry> shapes, List<Map<String, Object>> attributes, RuntimeException failure) {
            static final Records NONE = new Records(List.of(), List.of(), null);
        }

        /** One reading thread's readers of a part's three files. */
        private static final class Readers implements java.io.Closeable {
            final java.nio.channels.FileChannel shp;
            final java.nio.channels.FileChannel shx;
            final ShapefileReader shapes;
            final IndexFile index;
            final DbfRecords fields;

            Readers(SHPDriver driver, Charset encoding) throws IOException {
                shp = java.nio.channels.FileChannel.open(driver.shpFile.toPath());
                try {
                    shx = java.nio.channels.FileChannel.open(driver.shxFile.toPath());
                    try {
                        shapes = new ShapefileReader(shp);
                        index = new IndexFile(shx);
                        fields = new DbfRecords(driver.dbfFile.toPath(), driver.getDbaseFileHeader(), encoding);
                    } catch (IOException | RuntimeException e) {
                        shx.close();
                        throw e;
                    }
                } catch (IOException | RuntimeException e) {
                    shp.close();
                    throw e;
                }
            }

            @Override
            public void close() throws IOException {
                try (shp; shx; fields) {
                    // closed in turn, each even when one before it fails
                }
            }
        }

        /**
         * Reads records [from, to) with {@code readers}: the shape first, then the fields, as a
         * record is laid out; stops at the first record that cannot be read. The shapes are read
         * directly, as the driver does but without its H2 value (JTS → EWKB → JTS per record cost a
         * fifth of a 200,000-polygon import).
         */
        private Records records(Readers readers, long from, long to) {
            List<Geometry> shapes = new ArrayList<>((int) (to - from));
            List<Map<String, Object>> out = new ArrayList<>((int) (to - from));
            if (from == to) {
                return new Records(shapes, out, null);
            }
            long r = from;
            try {
                readers.fields.read(from, (int) (to - from));
                for (; r < to; r++) {
                    Geometry g = readers.shapes.geomAt(readers.index.getOffset((int) r));
                    if (g != null) {
                        g.setSRID(driver.getSrid());
                    }
                    Map<String, Object> attrs = new java.util.LinkedHashMap<>();
                    for (int i = 0, col = 0; i < names.length; i++) {
                        if (i == geometryIndex) {
                            continue;
                        }
                        Object v = readers.fields.value(r, col++);
                        if (v instanceof String str && str.indexOf('\uFFFD') >= 0) {
                            return new Records(shapes, out, new FileRejectedException("wrong_encoding", "'" + part.name()
                                    + ".dbf' does not decode as " + part.encoding().name() + " (record " + (r + 1)
                                    + "); give the right one with encoding=GBK or UTF-8"));
                        }
                        attrs.put(names[i], Staging.normalise(v));
                    }
                    shapes.add(g);
                    out.add(attrs);
                }
                return new Records(shapes, out, null);
            } catch (IOException | RuntimeException e) {
                return new Records(shapes, out, unreadable(r, e));
            }
        }

        private static Records join(java.util.concurrent.CompletableFuture<Records> f) {
            try {
                return f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        private RuntimeException unreadable(long record, Exception e) {
            return e instanceof FileRejectedException fre ? fre : new FileRejectedException("corrupt_shapefile", "'" + part.name()
                    + ".shp' cannot be read (record " + (record + 1) + "): " + rootMessage(e));
        }

        private void close() {
            for (int h = 0; h < halves.length; h++) {
                try {
                    if (halves[h] != null) {
                        halves[h].close();
                    }
                } catch (IOException e) {
                    // read-only files: nothing to flush
                }
                halves[h] = null;
            }
            try {
                if (driver != null) {
                    driver.close();
                }
            } catch (IOException e) {
                // read-only files: nothing to flush
            }
            driver = null;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static Charset encoding(Map<String, Path> parts, ImportOptions options) {
        if (options.encoding() != null) {
            return options.encoding();
        }
        try {
            if (parts.containsKey("cpg")) {
                Optional<Charset> c = DbfEncoding.fromCpg(Files.readString(parts.get("cpg"), StandardCharsets.ISO_8859_1));
                if (c.isPresent()) {
                    return c.get();
                }
            }
            return DbfEncoding.detect(parts.get("dbf"));
        } catch (IOException e) {
            throw new FileRejectedException("corrupt_shapefile", "the .dbf cannot be read: " + e.getMessage());
        }
    }

    private static Integer prj(Path prj, ImportOptions options) {
        if (prj == null) {
            return null;
        }
        try {
            String wkt = Files.readString(prj, StandardCharsets.ISO_8859_1);
            Optional<Integer> code = CrsResolver.fromWkt(wkt);
            if (code.isEmpty() && options.crs() == null) {
                throw new FileRejectedException(422, "crs_required", "the .prj describes a CRS this server cannot name ("
                        + wkt.strip().lines().findFirst().orElse("").replaceAll("\\s+", " ")
                        .substring(0, Math.min(120, wkt.strip().length())) + "); give it with crs=EPSG:…");
            }
            return code.orElse(null);
        } catch (IOException e) {
            throw new FileRejectedException("corrupt_shapefile", "the .prj cannot be read: " + e.getMessage());
        }
    }

    /**
     * Checks the headers against the files before the driver sees them; returns the record count.
     * The driver would otherwise read past a truncated file or trust a claimed length of 1 GB.
     */
    static int checkParts(String name, Path shp, Path shx, Path dbf) {
        try {
            long shpSize = Files.size(shp);
            long shxSize = Files.size(shx);
            long dbfSize = Files.size(dbf);
            if (shpSize < 100 || shxSize < 100) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + "': the .shp or .shx is shorter than its 100-byte header");
            }
            ByteBuffer shpHead = head(shp, 100);
            ByteBuffer shxHead = head(shx, 100);
            for (var h : List.of(Map.entry(".shp", shpHead), Map.entry(".shx", shxHead))) {
                if (h.getValue().order(ByteOrder.BIG_ENDIAN).getInt(0) != 9994) {
                    throw new FileRejectedException("corrupt_shapefile", "'" + name + h.getKey() + "' is not a shapefile part (bad file code)");
                }
            }
            long shpClaim = 2L * (shpHead.order(ByteOrder.BIG_ENDIAN).getInt(24) & 0xffffffffL);
            long shxClaim = 2L * (shxHead.order(ByteOrder.BIG_ENDIAN).getInt(24) & 0xffffffffL);
            if (shpClaim != shpSize) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + ".shp' claims " + shpClaim + " bytes but has "
                        + shpSize + " (truncated or padded)");
            }
            if (shxClaim != shxSize || (shxSize - 100) % 8 != 0) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + ".shx' claims " + shxClaim + " bytes but has "
                        + shxSize);
            }
            int type = shpHead.order(ByteOrder.LITTLE_ENDIAN).getInt(32);
            if (!List.of(0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28).contains(type)) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + ".shp' has unknown shape type " + type);
            }
            if (type == 0 && shpSize > 100) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + ".shp' says null shapes but holds records");
            }
            long shxRecords = (shxSize - 100) / 8;
            if (dbfSize < 32) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + ".dbf' is shorter than its 32-byte header");
            }
            ByteBuffer dbfHead = head(dbf, 32).order(ByteOrder.LITTLE_ENDIAN);
            int version = dbfHead.get(0) & 0x07;
            if (version != 3 && version != 4) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + ".dbf' is not a dBASE III/IV table");
            }
            long dbfRecords = dbfHead.getInt(4) & 0xffffffffL;
            int headerLength = dbfHead.getShort(8) & 0xffff;
            int recordLength = dbfHead.getShort(10) & 0xffff;
            if (headerLength < 33 || recordLength < 1) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + ".dbf' has an impossible header");
            }
            long expected = headerLength + dbfRecords * recordLength;
            if (dbfSize != expected && dbfSize != expected + 1) {
                throw new FileRejectedException("corrupt_shapefile", "'" + name + ".dbf' claims " + dbfRecords + " records of "
                        + recordLength + " bytes (" + expected + " bytes) but has " + dbfSize);
            }
            if (dbfRecords != shxRecords) {
                throw new FileRejectedException("record_count_mismatch", "'" + name + "': the .dbf has " + dbfRecords
                        + " records but the .shx indexes " + shxRecords + "; the parts do not belong together");
            }
            // every index entry must point inside the .shp
            try (RandomAccessFile f = new RandomAccessFile(shx.toFile(), "r")) {
                byte[] idx = new byte[(int) (shxSize - 100)];
                f.seek(100);
                f.readFully(idx);
                ByteBuffer b = ByteBuffer.wrap(idx).order(ByteOrder.BIG_ENDIAN);
                for (int i = 0; i < shxRecords; i++) {
                    long offset = 2L * (b.getInt(i * 8) & 0xffffffffL);
                    long length = 2L * (b.getInt(i * 8 + 4) & 0xffffffffL);
                    if (offset < 100 || offset + 8 + length > shpSize) {
                        throw new FileRejectedException("corrupt_shapefile", "'" + name + ".shx' record " + (i + 1)
                                + " points outside the .shp");
                    }
                }
            }
            return (int) Math.min(Integer.MAX_VALUE, dbfRecords);
        } catch (IOException e) {
            throw new FileRejectedException("corrupt_shapefile", "'" + name + "' cannot be read: " + e.getMessage());
        }
    }

    private static ByteBuffer head(Path p, int n) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            byte[] b = new byte[n];
            f.readFully(b);
            return ByteBuffer.wrap(b);
        }
    }
}
