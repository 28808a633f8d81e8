package projmap.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder the web app ({@code web/} in the sources, {@code /web} on the class path) is served
 * from. Served from inside the jar, Jetty mounts the whole jar as a zip file system — four times,
 * each keeping an index of its 36,000 entries: 45 MB of the heap for good and 0.1–0.5 s of every
 * start. So a server run from the jar copies the app's files (1.4 MB) once into {@code
 * PROJMAP_HOME/web/<version>/}, the version named by the files' checksums, and serves that folder;
 * a new jar with other files gets a new folder and the old one is removed. Run from compiled
 * classes (tests, an IDE), the app is already a folder. Where none of this works (a read-only
 * home), the jar is served as before.
 */
public final class WebAppFiles {
    private static final Logger LOG = LoggerFactory.getLogger(WebAppFiles.class);
    private static final String PREFIX = "web/";

    private WebAppFiles() {
    }

    /** The folder to serve for the code this class was loaded from, or empty: serve {@code /web} from the class path. */
    public static Optional<Path> folder(Path home) {
        try {
            Path code = Path.of(WebAppFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return folder(code, home);
        } catch (URISyntaxException | RuntimeException e) {
            LOG.warn("web app: served from the class path ({})", e.toString());
            return Optional.empty();
        }
    }

    /** As {@link #folder(Path)}, for the jar or class folder {@code code}. */
    static Optional<Path> folder(Path code, Path home) {
        if (Files.isDirectory(code)) {
            Path web = code.resolve("web");
            return Files.isDirectory(web) ? Optional.of(web) : Optional.empty();
        }
        try (JarFile jar = new JarFile(code.toFile())) {
            List<JarEntry> files = new ArrayList<>();
            jar.stream().filter(e -> e.getName().startsWith(PREFIX) && !e.isDirectory()).forEach(files::add);
            if (files.isEmpty()) {
                return Optional.empty();
            }
            files.sort(Comparator.comparing(JarEntry::getName));
            Path parent = home.toAbsolutePath().resolve("web");
            Path folder = parent.resolve(version(files));
            if (!Files.isDirectory(folder)) {
                copy(jar, files, parent, folder);
            }
            removeOthers(parent, folder);
            return Optional.of(folder);
        } catch (IOException | RuntimeException e) {
            LOG.warn("web app: served from inside the jar, its files could not be copied to {}: {}", home.resolve("web"), e.toString());
            return Optional.empty();
        }
    }

    /** The first 16 hex digits of a SHA-256 over the files' names, sizes and CRCs (the jar's index has them: nothing is read). */
    private static String version(List<JarEntry> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (JarEntry e : files) {
                sha.update((e.getName() + '\0' + e.getSize() + '\0' + e.getCrc() + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Copies the files into a new folder beside {@code folder}, then renames it: a folder of that name is always complete. */
    private static void copy(JarFile jar, List<JarEntry> files, Path parent, Path folder) throws IOException {
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, ".partial-");
        try {
            for (JarEntry e : files) {
                Path target = partial.resolve(e.getName().substring(PREFIX.length())).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("the jar's entry " + e.getName() + " leads outside the folder");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, target);
                }
                // the jar's time, so that Last-Modified and ETag stay as they were for the same file
                Files.setLastModifiedTime(target, FileTime.fromMillis(e.getTime()));
            }
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("web app: {} files copied to {}", files.size(), folder);
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            if (Files.isDirectory(folder)) {
                return;   // another server on the same home copied it meanwhile
            }
            throw e;
        }
    }

    /** Removes the folders of other versions (and copies left half-done), best effort. */
    private static void removeOthers(Path parent, Path keep) {
        try (Stream<Path> children = Files.list(parent)) {
            children.filter(p -> !p.equals(keep) && Files.isDirectory(p)).forEach(WebAppFiles::deleteTree);
        } catch (IOException e) {
            LOG.debug("web app: old folders left in {}: {}", parent, e.toString());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a later start tries again
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
