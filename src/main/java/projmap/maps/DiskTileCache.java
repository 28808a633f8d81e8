package projmap.maps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.geo.WebMercator;
import projmap.geo.TileCoord;

/**
 * Encoded tiles on disk, {@code DIR/{layer}/{z}/{x}/{y}.mvt} (an empty file for a tile without
 * features), so that they outlive a restart and the memory bound. Invalidated exactly like
 * {@link TileCache}: an edit deletes the layer's files, at every zoom, whose square plus the clip
 * buffer meets the edited box; a whole-layer change deletes the layer's folder.
 *
 * <p>Kept honest across restarts by a stamp per layer ({@code DIR/{layer}/.stamp}: the layer's
 * content hash, or the project register's change stamp): a change deletes the stamp, and the next
 * use of the layer by this process (which heard of every change since) writes the current one. A
 * layer found with a missing or different stamp — changed while no process with this cache was
 * listening, or by a command-line import — is wiped before its first use. A tile built while its
 * layer changed is not stored (generations, as in {@link TileCache}).
 *
 * <p>Bounded: past {@code maxBytes} no new tile is written (the existing ones stay valid); the
 * count starts from the files found at start. Thread-safe: writes go to a temporary file first and
 * are moved into place under the lock, so a reader never sees half a tile.
 *
 * <p>{@link #putLater} writes behind the request ({@link WriteBehind}: one thread, a bounded
 * queue, batches; a full queue drops the write — the tile is in memory anyway), and the
 * generation check at the move keeps a change made meanwhile from being undone. {@link #close}
 * writes what is queued.
 */
final class DiskTileCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskTileCache.class);
    private static final String STAMP = ".stamp";
    /** Above this many tiles in a changed box at one zoom, the zoom's folder is walked instead. */
    private static final long MAX_PROBES = 4096;

    private final Path dir;
    private final long maxBytes;
    private final Map<String, Long> generations = new HashMap<>();
    /** Layers whose stamp file is current (written by this process since the layer's last change). */
    private final Set<String> stamped = new HashSet<>();
    /** Layers whose folder this process has checked against the stamp at least once: kept in step since. */
    private final Set<String> validated = new HashSet<>();
    private long epoch;
    private long bytes;
    /** At most this many tiles wait to be written (a few MB of land-use tiles). */
    static final int WRITE_QUEUE = 256;
    /** Tiles written behind the requests that built them. */
    private final WriteBehind<Pending> writer = new WriteBehind<>("tile-disk-writer", WRITE_QUEUE, 20,
            p -> put(p.key(), p.tile(), p.generation()));

    private record Pending(TileCache.Key key, byte[] tile, long generation) {
    }

    DiskTileCache(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.walk(dir)) {
                bytes = files.filter(p -> p.toString().endsWith(".mvt")).mapToLong(DiskTileCache::sizeOf).sum();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the tile cache folder " + dir, e);
        }
    }

    /** The cached bytes of the tile, or null; {@code stamp} gives the layer's current stamp (read once per change). */
    byte[] get(TileCache.Key key, Supplier<String> stamp) {
        checkStamp(key.layer(), stamp);
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return null;   // a miss without an exception: its stack trace cost more than reading a tile from memory
        }
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("cannot read cached tile {}: {}", file(key), e.getMessage());
            return null;
        }
    }

    synchronized long generation(String layer) {
        return epoch + generations.getOrDefault(layer, 0L);
    }

    /**
     * As {@link #put}, on the writer thread: the request that built the tile does not wait for the
     * file system. Dropped when {@link #WRITE_QUEUE} tiles are already waiting.
     */
    void putLater(TileCache.Key key, byte[] tile, long generation) {
        writer.offer(new Pending(key, tile, generation));
    }

    /** Waits until every tile queued so far is written (tests). */
    void flush() {
        writer.flush();
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        writer.close();
    }

    /**
     * Stores the tile unless its layer changed since {@code generation} was read, or the bound is
     * reached. Call {@link #get} for the layer first: it checks the layer's stamp.
     */
    void put(TileCache.Key key, byte[] tile, long generation) {
        synchronized (this) {
            if (bytes + tile.length > maxBytes) {
                return;
            }
        }
        Path target = file(key);
        Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.write(temp, tile);
            synchronized (this) {
                if (generation != generation(key.layer())) {
                    Files.deleteIfExists(temp);
                    return;
                }
                long old = sizeOf(target);
                move(temp, target);
                bytes += tile.length - old;
            }
        } catch (IOException e) {
            LOG.warn("cannot write cached tile {}: {}", target, e.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray .tmp file is ignored by get and counted by nothing
            }
        }
    }

    /** Deletes the layer's tiles that may show something in {@code lonLatArea} (all when null; every layer's when layer is null). */
    synchronized void invalidate(String layer, Envelope lonLatArea) {
        if (layer == null) {
            epoch++;
            stamped.clear();
            try (DirectoryStream<Path> layers = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path l : layers) {
                    discard(l);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        generations.merge(layer, 1L, Long::sum);
        Path layerDir = dir.resolve(safe(layer));
        stamped.remove(layer);
        try {
            Files.deleteIfExists(layerDir.resolve(STAMP));
            if (lonLatArea == null) {
                discard(layerDir);
                return;
            }
            for (int z = TileService.MIN_ZOOM; z <= TileService.MAX_ZOOM; z++) {
                Path zDir = layerDir.resolve(Integer.toString(z));
                if (Files.isDirectory(zDir)) {
                    deleteTouching(zDir, z, lonLatArea);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteTouching(Path zDir, int z, Envelope area) throws IOException {
        // the tiles whose buffered square can meet the area: grow the area by one tile's margin
        int max = (1 << z) - 1;
        int x0 = Math.max(0, column(z, area.getMinX()) - 1);
        int x1 = Math.min(max, column(z, area.getMaxX()) + 1);
        int y0 = Math.max(0, row(z, area.getMaxY()) - 1);
        int y1 = Math.min(max, row(z, area.getMinY()) + 1);
        if ((long) (x1 - x0 + 1) * (y1 - y0 + 1) <= MAX_PROBES) {
            for (int x = x0; x <= x1; x++) {
                for (int y = y0; y <= y1; y++) {
                    if (TileCache.touches(new TileCoord(z, x, y), area)) {
                        bytes -= deleteFile(zDir.resolve(x + "/" + y + ".mvt"));
                    }
                }
            }
            return;
        }
        try (Stream<Path> files = Files.walk(zDir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".mvt"))::iterator) {
                TileCoord t = parse(z, f);
                if (t != null && TileCache.touches(t, area)) {
                    bytes -= deleteFile(f);
                }
            }
        }
    }

    private static int column(int z, double lon) {
        double lonClamped = Math.max(-180, Math.min(180, lon));
        return (int) Math.floor((WebMercator.x(lonClamped) + WebMercator.HALF_WORLD) / WebMercator.WORLD * (1 << z));
    }

    private static int row(int z, double lat) {
        double latClamped = Math.max(-WebMercator.MAX_LAT, Math.min(WebMercator.MAX_LAT, lat));
        return (int) Math.floor((WebMercator.HALF_WORLD - WebMercator.y(latClamped)) / WebMercator.WORLD * (1 << z));
    }

    private static TileCoord parse(int z, Path f) {
        try {
            int x = Integer.parseInt(f.getParent().getFileName().toString());
            String name = f.getFileName().toString();
            int y = Integer.parseInt(name.substring(0, name.length() - ".mvt".length()));
            return new TileCoord(z, x, y);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Checks the layer's stamp once per change: a layer changed behind this process's back is wiped. */
    private void checkStamp(String layer, Supplier<String> stamp) {
        synchronized (this) {
            if (stamped.contains(layer)) {
                return;
            }
        }
        String current = stamp.get();
        synchronized (this) {
            if (stamped.contains(layer)) {
                return;
            }
            Path layerDir = dir.resolve(safe(layer));
            Path stampFile = layerDir.resolve(STAMP);
            try {
                String found = Files.exists(stampFile) ? Files.readString(stampFile) : null;
                if (!validated.contains(layer) && !current.equals(found)) {
                    // changed while nobody with this cache was listening: nothing here can be trusted
                    discard(layerDir);
                }
                validated.add(layer);
                Files.createDirectories(layerDir);
                Files.writeString(stampFile, current);
                stamped.add(layer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Moves a folder aside and deletes it (a layer can have many tiles; the move makes it vanish at once). */
    private void discard(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Path trash = dir.resolve(".trash-" + UUID.randomUUID());
        move(folder, trash);
        long freed;
        try (Stream<Path> files = Files.walk(trash)) {
            freed = files.filter(p -> p.toString().endsWith(".mvt")).mapToLong(DiskTileCache::sizeOf).sum();
        }
        bytes -= freed;
        try (Stream<Path> files = Files.walk(trash)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static long deleteFile(Path f) throws IOException {
        long size = sizeOf(f);
        return Files.deleteIfExists(f) ? size : 0;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private Path file(TileCache.Key key) {
        TileCoord t = key.tile();
        return dir.resolve(safe(key.layer())).resolve(t.z() + "/" + t.x() + "/" + t.y() + ".mvt");
    }

    /** Layer ids are slugs; anything else (a dot, a slash) must not reach the file system as is. */
    private static String safe(String layer) {
        return SAFE_NAMES.computeIfAbsent(layer, l -> l.replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    /** Each layer's folder name, made once (a regular expression per tile request showed in its time). */
    private static final Map<String, String> SAFE_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    synchronized Map<String, Long> stats() {
        return Map.of("bytes", bytes, "maxBytes", maxBytes);
    }
}
