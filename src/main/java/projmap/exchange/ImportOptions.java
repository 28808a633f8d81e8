package projmap.exchange;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * How to read and apply one import: {@code crs} (EPSG code, null: from the file), {@code encoding}
 * of a DBF or CSV (null: from the file or detected), {@code mapping} from the file's headers to
 * field names (on top of {@link FieldMapping}'s defaults), {@code dryRun}, and for the audit log
 * who imports ({@code user}, {@code address}) which {@code file}.
 */
public record ImportOptions(boolean dryRun, Integer crs, Charset encoding, Map<String, String> mapping, String user,
                            String address, String file, String sheet) {
    public static final ImportOptions DEFAULT = new ImportOptions(false, null, null, Map.of(), "import");

    public ImportOptions(boolean dryRun, Integer crs, Charset encoding, Map<String, String> mapping, String user) {
        this(dryRun, crs, encoding, mapping, user, null, null, null);
    }

    public ImportOptions {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        user = user == null ? "import" : user;
    }

    public ImportOptions withDryRun(boolean d) {
        return new ImportOptions(d, crs, encoding, mapping, user, address, file, sheet);
    }

    public ImportOptions withCrs(Integer c) {
        return new ImportOptions(dryRun, c, encoding, mapping, user, address, file, sheet);
    }

    public ImportOptions withEncoding(Charset e) {
        return new ImportOptions(dryRun, crs, e, mapping, user, address, file, sheet);
    }

    /** Who imports from where, and the file's name, for the audit log. */
    public ImportOptions withOrigin(String u, String a, String f) {
        return new ImportOptions(dryRun, crs, encoding, mapping, u, a, f, sheet);
    }

    /** The XLSX sheet to read, by name or 1-based number (null: the first sheet that holds a table). */
    public ImportOptions withSheet(String s) {
        return new ImportOptions(dryRun, crs, encoding, mapping, user, address, file, s == null || s.isBlank() ? null : s.strip());
    }
}
