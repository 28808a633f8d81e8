package projmap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Tells whether a store's schema already holds exactly the migrations this build brings, so that a
 * restart need not start Flyway at all: Flyway's set-up and its scan of the 70 MB jar were about a
 * third of a warm start (README, "Benchmarks / Foundation"). When the applied versions differ from
 * the bundled ones in any way — a new migration, a missing one, one the build does not know, a
 * failed one — Flyway runs as before and migrates or refuses with its own message. What this does not
 * see is an applied migration file edited in place; Flyway's checksum validation catches that on the
 * next start that brings a new migration.
 */
final class SchemaVersion {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

    private SchemaVersion() {
    }

    /** The versions of the migrations bundled under {@code classpath:db/migration/…}, as Flyway writes them ("2.1"). */
    static Set<String> bundled(String location) {
        String folder = location.replaceFirst("^classpath:", "").replaceAll("/+$", "") + "/";
        Set<String> versions = new TreeSet<>();
        try {
            Path source = Path.of(SchemaVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                Path dir = source.resolve(folder);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.forEach(f -> add(versions, f.getFileName().toString()));
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(source.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (name.startsWith(folder) && name.indexOf('/', folder.length()) < 0) {
                            add(versions, name.substring(folder.length()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | RuntimeException e) {
            return Set.of();   // an unusual class path: let Flyway look
        }
        return versions;
    }

    private static void add(Set<String> versions, String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        if (m.matches()) {
            versions.add(m.group(1).replace('_', '.'));
        }
    }

    /**
     * The versions Flyway has applied successfully (in {@code schema}, or the default one when null),
     * or null when there is no history (a new store) or a migration failed.
     */
    static Set<String> applied(Connection c, String schema) {
        Set<String> versions = new TreeSet<>();
        // in a named schema, never the history another schema on the search path holds
        String table = (schema == null ? "" : "\"" + schema + "\".") + "\"flyway_schema_history\"";
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT \"version\", \"success\" FROM " + table + " WHERE \"version\" IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return null;   // a failed migration: Flyway must say so
                }
                versions.add(rs.getString(1));
            }
        } catch (SQLException noHistory) {
            return null;
        }
        return versions;
    }

    /** True when the applied migrations are exactly the bundled ones. */
    static boolean upToDate(Connection c, String location, String schema) {
        Set<String> bundled = bundled(location);
        return !bundled.isEmpty() && bundled.equals(applied(c, schema));
    }
}
