package projmap.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * Reads an uploaded file — or set of files (the parts of a shapefile) — whatever its format, into
 * {@link SourceData}. The format is recognised by the first bytes (zip, SQLite, FlatGeobuf, XML,
 * JSON) and, for text, by the name ({@code .csv}); a zip is looked into: shapefile parts, an XLSX
 * workbook, or a KMZ. Files are unpacked under a private temporary folder that the caller deletes.
 */
public final class FeatureFileReader {
    private static final byte[] FGB = {0x66, 0x67, 0x62, 0x03};
    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ZIP = {0x50, 0x4b, 0x03, 0x04};
    private static final byte[] EMPTY_ZIP = {0x50, 0x4b, 0x05, 0x06};

    private final ImportLimits limits;

    public FeatureFileReader(ImportLimits limits) {
        this.limits = limits;
    }

    public ImportLimits limits() {
        return limits;
    }

    /** Reads the files of one upload (usually one file; the parts of a shapefile may come loose). */
    public SourceData read(List<Path> files, ImportOptions options, Path workDir) {
        if (files.isEmpty()) {
            throw new FileRejectedException("empty_file", "no file was sent");
        }
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                throw new FileRejectedException("unreadable_file", "the upload cannot be read");
            }
        }
        if (total > limits.maxBytes()) {
            throw FileRejectedException.tooLarge("the upload has " + total + " bytes; at most " + limits.maxBytes() + " are accepted");
        }
        if (files.size() > 1) {
            if (files.stream().anyMatch(f -> name(f).endsWith(".shp"))) {
                return ShapefileSource.read(files, options, limits);
            }
            throw new FileRejectedException("several_files", "several files were sent; only the parts of one shapefile"
                    + " (.shp, .shx, .dbf, .prj, .cpg) may come together");
        }
        Path file = files.get(0);
        byte[] head = head(file);
        if (head.length == 0) {
            throw new FileRejectedException("empty_file", "the file is empty");
        }
        String name = name(file);
        if (starts(head, ZIP) || starts(head, EMPTY_ZIP)) {
            return zip(file, options, workDir);
        }
        if (starts(head, SQLITE)) {
            return GeoPackageSource.read(file, limits);
        }
        if (starts(head, FGB)) {
            return FlatGeobufSource.read(file, limits);
        }
        if (name.endsWith(".shp") || name.endsWith(".dbf") || name.endsWith(".shx")) {
            throw new FileRejectedException("missing_part", "a lone ." + name.substring(name.lastIndexOf('.') + 1)
                    + " is not a shapefile: send .shp, .shx and .dbf (and .prj, .cpg) together, or zipped");
        }
        String text = leadingText(head);
        if (name.endsWith(".csv") || name.endsWith(".txt") || name.endsWith(".tsv")) {
            return CsvSource.read(file, options, limits);
        }
        if (text.startsWith("<")) {
            try (InputStream in = Files.newInputStream(file)) {
                return KmlSource.read(in, limits);
            } catch (IOException e) {
                throw new FileRejectedException("unreadable_file", "the file cannot be read: " + e.getMessage());
            }
        }
        if (text.startsWith("{") || text.startsWith("[") || name.endsWith(".json") || name.endsWith(".geojson")) {
            try (InputStream in = Files.newInputStream(file)) {
                return GeoJsonSource.read(in, limits);
            } catch (IOException e) {
                throw new FileRejectedException("unreadable_file", "the file cannot be read: " + e.getMessage());
            }
        }
        if (looksBinary(head)) {
            throw new FileRejectedException("unknown_format", "the file is in no format this server reads ("
                    + ExchangeFormat.extensions() + ")");
        }
        return CsvSource.read(file, options, limits);
    }

    private SourceData zip(Path file, ImportOptions options, Path workDir) {
        boolean workbook = false;
        try (ZipFile z = new ZipFile(file.toFile())) {
            workbook = z.getEntry("[Content_Types].xml") != null && z.getEntry("xl/workbook.xml") != null;
        } catch (IOException e) {
            // a damaged archive: SafeZip below says how
        }
        if (workbook) {
            return XlsxSource.read(file, options.sheet(), limits);
        }
        Path dir = workDir.resolve("unzipped");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files = SafeZip.unpack(file, dir, limits);
        if (files.stream().anyMatch(f -> name(f).endsWith(".shp") || name(f).endsWith(".dbf") || name(f).endsWith(".shx"))) {
            return ShapefileSource.read(files, options, limits);
        }
        List<Path> kml = files.stream().filter(f -> name(f).endsWith(".kml")).toList();
        if (kml.size() == 1) {
            try (InputStream in = Files.newInputStream(kml.get(0))) {
                return KmlSource.read(in, limits);
            } catch (IOException e) {
                throw new FileRejectedException("unreadable_file", "the KMZ cannot be read: " + e.getMessage());
            }
        }
        if (files.size() == 1 && !name(files.get(0)).endsWith(".zip")) {
            return read(files, options, workDir.resolve("inner"));
        }
        throw new FileRejectedException("unknown_format", "the archive holds no shapefile, KML or single data file: "
                + files.stream().map(FeatureFileReader::name).toList());
    }

    private static String name(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(512);
        } catch (IOException e) {
            throw new FileRejectedException("unreadable_file", "the file cannot be read: " + e.getMessage());
        }
    }

    private static boolean starts(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }

    private static String leadingText(byte[] head) {
        String s = new String(head, java.nio.charset.StandardCharsets.UTF_8);
        return s.replace("\uFEFF", "").stripLeading();
    }

    private static boolean looksBinary(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
