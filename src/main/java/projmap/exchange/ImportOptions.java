package projmap.exchange;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * How to read and apply one import: {@code crs} (EPSG code, null: from the file), {@code encoding}
 * of a DBF or CSV (null: from the file or detected), {@code mapping} from the file's headers to
 * field names (on top of {@link FieldMapping}'s defaults), and {@code dryRun}.
 */
public record ImportOptions(boolean dryRun, Integer crs, Charset encoding, Map<String, String> mapping, String user) {
    public static final ImportOptions DEFAULT = new ImportOptions(false, null, null, Map.of(), "import");

    public ImportOptions {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        user = user == null ? "import" : user;
    }

    public ImportOptions withDryRun(boolean d) {
        return new ImportOptions(d, crs, encoding, mapping, user);
    }

    public ImportOptions withCrs(Integer c) {
        return new ImportOptions(dryRun, c, encoding, mapping, user);
    }

    public ImportOptions withEncoding(Charset e) {
        return new ImportOptions(dryRun, crs, e, mapping, user);
    }
}
