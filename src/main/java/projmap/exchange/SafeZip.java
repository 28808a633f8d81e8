package projmap.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an uploaded archive into a private folder without trusting it: entries whose names climb
 * out ({@code ../}, absolute paths, drive letters) are refused, not skipped; the count of entries
 * and the bytes actually inflated are capped (the sizes an archive claims are not believed — a zip
 * bomb claims small and inflates big, a hostile header claims 1 GB and holds nothing); folders
 * inside the archive are flattened to file names, and two entries with one name are refused.
 * Not thread-safe; one instance per upload.
 */
final class SafeZip {
    /** A tiny entry can legitimately inflate well; past this ratio on a large output it is a bomb. */
    private static final long MAX_RATIO = 200;
    private static final long RATIO_FLOOR = 1 << 20;

    private SafeZip() {
    }

    static List<Path> unpack(Path zip, Path into, ImportLimits limits) {
        List<Path> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > limits.maxEntries()) {
                throw FileRejectedException.tooLarge("the archive has " + file.size() + " entries; at most "
                        + limits.maxEntries() + " are accepted");
            }
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                checkName(name);
                if (e.isDirectory()) {
                    continue;
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.startsWith("._") || name.startsWith("__MACOSX/") || base.equals(".DS_Store")) {
                    continue;   // macOS archive litter
                }
                if (!seen.add(base.toLowerCase(Locale.ROOT))) {
                    throw new FileRejectedException("ambiguous_archive", "the archive holds two files named '" + base
                            + "' (in different folders); send one dataset per archive");
                }
                if (e.getSize() > limits.maxUnpackedBytes()) {
                    throw FileRejectedException.tooLarge("archive entry '" + name + "' claims " + e.getSize()
                            + " bytes, more than the limit of " + limits.maxUnpackedBytes());
                }
                Path target = into.resolve(base);
                long compressed = Math.max(1, e.getCompressedSize());
                try (InputStream in = file.getInputStream(e); OutputStream os = Files.newOutputStream(target)) {
                    byte[] buf = new byte[64 * 1024];
                    long written = 0;
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        written += n;
                        total += n;
                        if (total > limits.maxUnpackedBytes()) {
                            throw FileRejectedException.tooLarge("the archive unpacks to more than "
                                    + limits.maxUnpackedBytes() + " bytes");
                        }
                        if (written > RATIO_FLOOR && written / compressed > MAX_RATIO) {
                            throw FileRejectedException.tooLarge("archive entry '" + name + "' inflates more than "
                                    + MAX_RATIO + " times its packed size: refused as a zip bomb");
                        }
                        os.write(buf, 0, n);
                    }
                }
                out.add(target);
            }
        } catch (ZipException e) {
            throw new FileRejectedException("corrupt_zip", "the archive cannot be read (truncated or damaged): " + e.getMessage());
        } catch (IOException e) {
            throw new FileRejectedException("corrupt_zip", "the archive cannot be read: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new FileRejectedException("empty_archive", "the archive holds no files");
        }
        return out;
    }

    private static void checkName(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.contains("\0")) {
            throw new FileRejectedException("unsafe_archive", "archive entry '" + name + "' has an absolute path");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new FileRejectedException("unsafe_archive", "archive entry '" + name + "' points outside the archive (../)");
            }
        }
    }
}
