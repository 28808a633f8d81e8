package projmap.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import projmap.checks.Verdicts.Compatibility;
import projmap.projects.Category;

/**
 * Which land-use classes fit which project category: a table read from a CSV file
 * ({@code /checks/compatibility.csv} by default; its header comment documents the format). A
 * parcel code is judged by the longest row code it starts with, so {@code A33} falls back to
 * {@code A3} and then {@code A}; a code no row covers is {@code conditional} ("needs review"), never
 * silently compatible. Immutable and thread-safe once loaded.
 */
public final class CompatibilityMatrix {
    private static final String DEFAULT = "/checks/compatibility.csv";

    /** One row: a land-use class, its names, and its judgement per category. */
    public record LandUseClass(String code, String nameZh, String nameEn, Map<Category, Compatibility> judgements) {
    }

    private final Map<String, LandUseClass> rows;
    private final String source;
    private final String hash;

    private CompatibilityMatrix(Map<String, LandUseClass> rows, String source, String hash) {
        this.rows = rows;
        this.source = source;
        this.hash = hash;
    }

    /** The matrix shipped with the server. */
    public static CompatibilityMatrix defaults() {
        try (InputStream in = CompatibilityMatrix.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT + " is missing from the build");
            }
            return parse(in.readAllBytes(), "classpath:" + DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A matrix from a file (PROJMAP_CHECK_COMPATIBILITY). */
    public static CompatibilityMatrix load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compatibility matrix " + file, e);
        }
    }

    /**
     * Parses the CSV text; a malformed file is refused with the line and the problem, because a
     * silently wrong matrix would turn into wrong verdicts.
     */
    static CompatibilityMatrix parse(byte[] bytes, String source) {
        Map<String, LandUseClass> rows = new HashMap<>();
        List<Category> columns = null;
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                line = line.strip();
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new);
                if (columns == null) {
                    if (cells.length < 4 || !cells[0].equals("code") || !cells[1].equals("name_zh") || !cells[2].equals("name_en")) {
                        throw bad(source, lineNo, "the header must start with code,name_zh,name_en and name categories");
                    }
                    columns = new ArrayList<>();
                    for (int i = 3; i < cells.length; i++) {
                        String c = cells[i];
                        int at = lineNo;
                        columns.add(Category.byCode(c).orElseThrow(() -> bad(source, at, "unknown category '" + c + "'")));
                    }
                    continue;
                }
                if (cells.length != columns.size() + 3) {
                    throw bad(source, lineNo, "expected " + (columns.size() + 3) + " cells, found " + cells.length);
                }
                Map<Category, Compatibility> judgements = new EnumMap<>(Category.class);
                for (int i = 0; i < columns.size(); i++) {
                    judgements.put(columns.get(i), switch (cells[i + 3].toUpperCase()) {
                        case "Y", "COMPATIBLE" -> Compatibility.COMPATIBLE;
                        case "C", "CONDITIONAL" -> Compatibility.CONDITIONAL;
                        case "N", "INCOMPATIBLE" -> Compatibility.INCOMPATIBLE;
                        default -> throw bad(source, lineNo, "cell '" + cells[i + 3] + "' for " + columns.get(i).code()
                                + ": expected Y, C or N");
                    });
                }
                if (rows.put(cells[0], new LandUseClass(cells[0], cells[1], cells[2], judgements)) != null) {
                    throw bad(source, lineNo, "land-use code " + cells[0] + " appears twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (columns == null) {
            throw bad(source, lineNo, "no header line");
        }
        for (Category c : Category.values()) {
            if (!columns.contains(c)) {
                throw bad(source, 0, "no column for category " + c.code());
            }
        }
        return new CompatibilityMatrix(Map.copyOf(rows), source, sha256(bytes));
    }

    private static IllegalArgumentException bad(String source, int line, String problem) {
        return new IllegalArgumentException("compatibility matrix " + source + (line > 0 ? " line " + line : "") + ": " + problem);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row that judges {@code code}: the longest row code that {@code code} starts with, or null. */
    public LandUseClass classOf(String code) {
        if (code == null) {
            return null;
        }
        for (int n = code.length(); n > 0; n--) {
            LandUseClass row = rows.get(code.substring(0, n));
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    /** How land-use {@code code} fits {@code category}; conditional when no row covers the code. */
    public Compatibility judge(Category category, String code) {
        LandUseClass row = classOf(code);
        return row == null ? Compatibility.CONDITIONAL : row.judgements().get(category);
    }

    /** The exact row of {@code code}, for naming a class (null when the code has no row of its own). */
    public LandUseClass exact(String code) {
        return code == null ? null : rows.get(code);
    }

    /** Where the matrix came from and the SHA-256 of its bytes, for the report's provenance. */
    public String describe() {
        return source + " sha256:" + hash;
    }

    public String hash() {
        return hash;
    }
}
