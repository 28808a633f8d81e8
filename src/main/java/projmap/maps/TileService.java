package projmap.maps;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import projmap.geo.BBox;
import projmap.geo.TileCoord;
import projmap.projects.ProjectStore;
import projmap.store.ChangeFeed;
import projmap.zones.LayerSnapshots;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * Vector tiles and their TileJSON for the projects and every planning layer: looks in the
 * {@link TileCache} first, else reads the features in the tile (plus buffer) by bounding box and
 * encodes them. Subscribes the cache to the database's {@link ChangeFeed}. Thread-safe.
 */
public final class TileService implements AutoCloseable {
    /** Tiles are served from z0; 20 is the deepest (about 4 cm per tile unit). */
    public static final int MIN_ZOOM = 0;
    public static final int MAX_ZOOM = TileCoord.MAX_ZOOM;
    /** Default memory bound of the tile cache: about 3,000 land-use tiles of ~20 KB. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;
    /** Default bound of the disk cache (under PROJMAP_HOME/tiles): about 50,000 land-use tiles. */
    public static final long DEFAULT_DISK_BYTES = 1L << 30;

    private final ProjectStore projects;
    private final ZoneStore zones;
    /** The planning layers in memory, shared with the site checks and OGC items. */
    private final LayerSnapshots snapshots;
    private final TileCache cache;
    /** Null when tiles are kept in memory only. */
    private final DiskTileCache disk;
    /**
     * The planning layers by id, read once per layer change instead of once per uncached tile
     * (a query per tile was part of the fixed cost of a small tile); null until read again.
     */
    private volatile Map<String, ZoneLayer> zoneLayers;
    private final Object layersLock = new Object();
    /** Bumped by every layer change, so that a list read while one happened is not kept. */
    private long layersVersion;

    /** Tiles cached in memory only. */
    public TileService(ProjectStore projects, ZoneStore zones, ChangeFeed changes, long cacheBytes) {
        this(projects, zones, changes, cacheBytes, null, 0);
    }

    /** Tiles cached in memory and, behind it, in {@code diskDir} (up to {@code diskBytes}). */
    public TileService(ProjectStore projects, ZoneStore zones, ChangeFeed changes, long cacheBytes, Path diskDir, long diskBytes) {
        this(projects, zones, new LayerSnapshots(zones).followChanges(changes), changes, cacheBytes, diskDir, diskBytes);
    }

    /** As above, reading planning layers from {@code snapshots} when they are in memory. */
    public TileService(ProjectStore projects, ZoneStore zones, LayerSnapshots snapshots, ChangeFeed changes, long cacheBytes,
                       Path diskDir, long diskBytes) {
        this.projects = projects;
        this.zones = zones;
        this.snapshots = snapshots;
        this.cache = new TileCache(cacheBytes);
        this.disk = diskDir == null ? null : new DiskTileCache(diskDir, diskBytes);
        changes.subscribe(cache::invalidate);
        // a layer replaced, added or removed (here or, relayed, on another instance): look the list up again
        changes.subscribe((source, area) -> {
            if (source == null || !source.equals(ChangeFeed.PROJECTS)) {
                synchronized (layersLock) {
                    zoneLayers = null;
                    layersVersion++;
                }
            }
        });
        if (disk != null) {
            changes.subscribe(disk::invalidate);
        }
    }

    /** Where a tile came from: the memory cache, the disk cache, or built now. */
    public enum Origin {
        HIT, DISK, MISS;

        /** The value of the {@code X-Tile-Cache} header. */
        public String header() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An encoded tile; {@code bytes} is empty when no feature falls in the tile. */
    public record Tile(byte[] bytes, String etag, Origin origin, String timing) {
        Tile(byte[] bytes, String etag, Origin origin) {
            this(bytes, etag, origin, null);
        }

        public boolean isEmpty() {
            return bytes.length == 0;
        }
    }

    /** The tile, or empty when there is no such layer. */
    public Optional<Tile> tile(String layer, TileCoord coord) {
        TileCache.Key key = new TileCache.Key(layer, coord);
        TileCache.Entry cached = cache.get(key);
        if (cached != null) {
            return Optional.of(new Tile(cached.bytes(), cached.etag(), Origin.HIT));
        }
        long start = System.nanoTime();
        long generation = cache.generation(layer);
        long diskGeneration = disk == null ? 0 : disk.generation(layer);
        Optional<TileSource> source = source(layer);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        if (disk != null) {
            byte[] stored = disk.get(key, source.get()::stamp);
            if (stored != null) {
                TileCache.Entry entry = new TileCache.Entry(stored, etag(stored));
                cache.put(key, entry, generation);
                return Optional.of(new Tile(stored, entry.etag(), Origin.DISK));
            }
        }
        long t0 = System.nanoTime();   // after the layer and disk look-ups
        List<VectorTileEncoder.Feature> features = read(source.get(), coord);
        long t1 = System.nanoTime();
        byte[] bytes = VectorTileEncoder.encode(coord, source.get().id(), features);
        long t2 = System.nanoTime();
        TileCache.Entry entry = new TileCache.Entry(bytes, etag(bytes));
        cache.put(key, entry, generation);
        if (disk != null) {
            // written behind the request (a file write took 0.3-1.6 ms of a 2 ms tile); the
            // generation read before the build keeps a change made meanwhile from being undone
            disk.putLater(key, bytes, diskGeneration);
        }
        long t3 = System.nanoTime();
        // Server-Timing (milliseconds): where an uncached tile's time goes, for operators and benchmarks
        String timing = "layer;dur=" + millis(t0 - start) + ", read;dur=" + millis(t1 - t0) + ";desc=" + source.get().readFrom()
                + ", encode;dur=" + millis(t2 - t1) + ", store;dur=" + millis(t3 - t2);
        return Optional.of(new Tile(bytes, entry.etag(), Origin.MISS, timing));
    }

    /**
     * Nanoseconds as milliseconds with two decimals ("0.07"), for Server-Timing: without
     * {@code String.format}, whose parsing of the pattern per call showed in a small tile's time.
     */
    static String millis(long nanos) {
        long hundredths = Math.max(0, Math.round(nanos / 1e4));
        long rest = hundredths % 100;
        return hundredths / 100 + (rest < 10 ? ".0" : ".") + rest;
    }

    /** Builds the tile without the cache (benchmarks, tests). */
    byte[] build(TileSource source, TileCoord coord) {
        return VectorTileEncoder.encode(coord, source.id(), read(source, coord));
    }

    private static List<VectorTileEncoder.Feature> read(TileSource source, TileCoord coord) {
        BBox query = coord.lonLatBounds(VectorTileEncoder.queryMargin());
        List<VectorTileEncoder.Feature> features = new ArrayList<>();
        source.features(query, features::add);
        return features;
    }

    Optional<TileSource> source(String layer) {
        if (layer.equals(ChangeFeed.PROJECTS)) {
            return Optional.of(new ProjectTileSource(projects));
        }
        Map<String, ZoneLayer> known = zoneLayers;
        if (known == null) {
            long version;
            synchronized (layersLock) {
                version = layersVersion;
            }
            known = new java.util.HashMap<>();
            for (ZoneLayer l : zones.layers()) {
                known.put(l.id(), l);
            }
            synchronized (layersLock) {
                if (version == layersVersion) {
                    zoneLayers = known;
                }
            }
        }
        return Optional.ofNullable(known.get(layer)).map(l -> new ZoneTileSource(zones, snapshots, l));
    }

    /** The layer ids that have tiles: projects, then the planning layers. */
    public List<String> layers() {
        List<String> out = new ArrayList<>();
        out.add(ChangeFeed.PROJECTS);
        zones.layers().forEach(l -> out.add(l.id()));
        return out;
    }

    /** TileJSON 3.0.0 for one layer, tiles addressed under {@code baseUrl}; empty when no such layer. */
    public Optional<Map<String, Object>> tileJson(String layer, String baseUrl) {
        return source(layer).map(s -> {
            BBox b = s.bounds();
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("tilejson", "3.0.0");
            j.put("name", s.id());
            j.put("description", s.description());
            j.put("scheme", "xyz");
            j.put("tiles", List.of(baseUrl + tilePath(s.id())));
            j.put("minzoom", MIN_ZOOM);
            j.put("maxzoom", MAX_ZOOM);
            if (b != null) {
                j.put("bounds", b.toArray());
                j.put("center", new double[] {(b.minLon() + b.maxLon()) / 2, (b.minLat() + b.maxLat()) / 2, 12});
            }
            Map<String, Object> vl = new LinkedHashMap<>();
            vl.put("id", s.id());
            vl.put("description", s.description());
            vl.put("minzoom", MIN_ZOOM);
            vl.put("maxzoom", MAX_ZOOM);
            vl.put("fields", s.fields());
            j.put("vector_layers", List.of(vl));
            return j;
        });
    }

    public static String tilePath(String layer) {
        return "/tiles/" + layer + "/{z}/{x}/{y}.mvt";
    }

    public static String tileJsonPath(String layer) {
        return "/tiles/" + layer + ".json";
    }

    Map<String, Long> cacheStats() {
        return cache.stats();
    }

    /** Waits for the tiles queued for the disk cache (tests). */
    void flushDisk() {
        if (disk != null) {
            disk.flush();
        }
    }

    /** Writes the tiles still queued for the disk cache. */
    @Override
    public void close() {
        if (disk != null) {
            disk.close();
        }
    }

    Map<String, Long> diskStats() {
        return disk == null ? Map.of() : disk.stats();
    }

    TileCache cache() {
        return cache;
    }

    /** A strong entity tag from the tile's bytes: equal bytes, equal tag, on every instance. */
    static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
