package projmap.zones;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.store.ChangeFeed;

/**
 * The in-memory {@link LayerSnapshot} of each planning layer, one per layer, of the version last
 * asked for: the site checks, the vector tiles and the OGC items share it. A caller always names
 * the layer version it read from the store (content hash, update time, kind), so a snapshot of an
 * older version is never used — also when another app instance replaced the layer.
 *
 * <p>Two ways in: {@link #get} builds the snapshot now and waits for it (the checks, which need
 * every layer); {@link #ready} never waits — it answers only when the snapshot is already there,
 * and otherwise starts building it in the background, so a tile or an items page is read from the
 * store meanwhile. {@link #ready} serves only layers of at most {@code maxServedFeatures}
 * features. Thread-safe; a layer is read by one thread at a time.
 */
public final class LayerSnapshots implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LayerSnapshots.class);

    /** The setting bounding the layers tiles and items read from memory (for messages; read by {@code Config}). */
    static final String MAX_FEATURES_ENV = "PROJMAP_MEMORY_LAYER_MAX_FEATURES";
    /**
     * Default bound: above the 1,000,000-parcel benchmark layer (~0.4 KB a parcel in memory, see
     * README "Map layers"), so every layer of a city and the benchmarks is served from memory
     * within the default 1–2 GB heap, while a province-size layer is not held for maps.
     */
    public static final int DEFAULT_MAX_FEATURES = 1_500_000;

    /**
     * Heap a feature takes in a snapshot, for the room check before reading a layer for maps: the
     * bench's land-use parcels (5 vertices, a unique name and plan number) measured 513 bytes.
     */
    static final long BYTES_PER_FEATURE = 600;

    private final ZoneStore store;
    private final int maxServedFeatures;
    private final Map<String, LayerSnapshot> built = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Layer versions known to hold more than {@code maxServedFeatures}: key "id hash updatedAt kind". */
    private final Set<String> tooLarge = ConcurrentHashMap.newKeySet();
    /** Layer versions that did not fit in the heap, until when they are not tried again (System.nanoTime). */
    private final Map<String, Long> noRoomUntil = new ConcurrentHashMap<>();
    private static final long NO_ROOM_RETRY_NANOS = 60_000_000_000L;
    /** Layers queued or being read in the background. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "layer-snapshot");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });

    public LayerSnapshots(ZoneStore store, int maxServedFeatures) {
        this.store = store;
        this.maxServedFeatures = maxServedFeatures;
    }

    /** With the default bound. */
    public LayerSnapshots(ZoneStore store) {
        this(store, DEFAULT_MAX_FEATURES);
    }

    /**
     * Drops a layer's snapshot as soon as the layer changes (here or, relayed, on another
     * instance): the next reader sees the store, and the old version's memory is freed before the
     * new one is read instead of after.
     */
    public LayerSnapshots followChanges(ChangeFeed changes) {
        changes.subscribe((source, area) -> {
            if (source == null) {
                built.clear();
            } else if (!source.equals(ChangeFeed.PROJECTS)) {
                built.remove(source);
            }
        });
        return this;
    }

    /** The store the snapshots are read from. */
    public ZoneStore store() {
        return store;
    }

    public int maxServedFeatures() {
        return maxServedFeatures;
    }

    /**
     * The snapshot of this layer version if it is in memory and small enough to serve maps from;
     * otherwise empty, and (unless the version is known to be too large) it is read in the background.
     */
    public Optional<LayerSnapshot> ready(ZoneLayer layer) {
        LayerSnapshot known = built.get(layer.id());
        if (known != null && known.isOf(layer)) {
            return known.size() <= maxServedFeatures ? Optional.of(known) : Optional.empty();
        }
        if (maxServedFeatures > 0 && !tooLarge.contains(key(layer)) && !waitingForRoom(layer) && pending.add(layer.id())) {
            try {
                background.execute(() -> {
                    try {
                        buildIfSmall(layer);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        // not tried again for this version: maps keep the store (an OutOfMemoryError
                        // here is this thread's allocation; what it had read is garbage now)
                        tooLarge.add(key(layer));
                        LOG.warn("layer {}: could not be read into memory ({}); tiles and items read it from the store",
                                layer.id(), e.toString());
                    } finally {
                        pending.remove(layer.id());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                pending.remove(layer.id());
            }
        }
        return Optional.empty();
    }

    private boolean waitingForRoom(ZoneLayer layer) {
        Long until = noRoomUntil.get(key(layer));
        return until != null && System.nanoTime() - until < 0;
    }

    private void buildIfSmall(ZoneLayer asked) {
        // the version in the store now: a reader holding an older layer list must not make the
        // current snapshot be dropped and read again
        ZoneLayer layer = store.layer(asked.id()).orElse(null);
        if (layer == null || size(layer).isPresent()) {
            return;
        }
        int n = store.extent(layer.id()).map(ZoneStore.LayerExtent::features).orElse(0);
        if (n > maxServedFeatures) {
            // a layer this large would cost more heap than its tiles are worth (a tile reads only
            // its box through the spatial index anyway): maps keep the store for it
            tooLarge.add(key(layer));
            LOG.info("layer {}: {} features, above {}={}: tiles and items read it from the store", layer.id(), n,
                    MAX_FEATURES_ENV, maxServedFeatures);
            return;
        }
        long free = Runtime.getRuntime().maxMemory() - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        if ((long) n * BYTES_PER_FEATURE > free / 2) {
            // held for maps only while it leaves the heap half of its room: a server started with a
            // small heap keeps answering (from the store) instead of running out of memory; looked
            // at again a minute later (the room measured may have held garbage)
            noRoomUntil.put(key(layer), System.nanoTime() + NO_ROOM_RETRY_NANOS);
            LOG.warn("layer {}: {} features (~{} MB in memory) would take more than half of the heap's free room ({} MB):"
                    + " tiles and items read it from the store; a larger heap (-Xmx) keeps it in memory", layer.id(), n,
                    (long) n * BYTES_PER_FEATURE >> 20, free >> 20);
            return;
        }
        get(layer);
    }

    /** The snapshot of this layer version (or of a newer one, when the layer changed meanwhile), built now if need be. */
    public LayerSnapshot get(ZoneLayer layer) {
        LayerSnapshot known = built.get(layer.id());
        if (known != null && known.isOf(layer)) {
            return known;
        }
        synchronized (locks.computeIfAbsent(layer.id(), k -> new Object())) {
            known = built.get(layer.id());
            if (known != null && known.isOf(layer)) {
                return known;
            }
            built.remove(layer.id());   // the old version's memory goes before the new one is read
            ZoneLayer version = layer;
            for (int attempt = 0; ; attempt++) {
                long t0 = System.nanoTime();
                LayerSnapshot.Builder builder = new LayerSnapshot.Builder(version);
                store.forEachFeature(version.id(), null, builder::add);
                LayerSnapshot snapshot = builder.build();
                // the layer may have been replaced while it was read: then label it truthfully and read again
                ZoneLayer after = store.layer(version.id()).orElse(version);
                if (LayerSnapshot.sameVersion(after, version) || attempt == 2) {
                    LOG.info("planning layers: layer {} in memory ({} features, hash {}) in {} ms", version.id(),
                            snapshot.size(), abbreviate(version.contentHash()), (System.nanoTime() - t0) / 1_000_000);
                    built.put(version.id(), snapshot);
                    return snapshot;
                }
                version = after;
            }
        }
    }

    /**
     * Starts reading every layer small enough into memory, in the background, one after the
     * other (server start): the first map requests are then not the ones to wait for the store.
     */
    public void preload() {
        for (ZoneLayer layer : store.layers()) {
            ready(layer);
        }
    }

    /** The number of features of the layer's snapshot, if this version of it is in memory. */
    public Optional<Integer> size(ZoneLayer layer) {
        LayerSnapshot known = built.get(layer.id());
        return known != null && known.isOf(layer) ? Optional.of(known.size()) : Optional.empty();
    }

    /** Forgets the snapshots of layers not in {@code layerIds} (removed layers). */
    public void retain(java.util.Collection<String> layerIds) {
        built.keySet().retainAll(layerIds);
    }

    /** Drops every snapshot (tests, benchmarks of a cold start). */
    public void clear() {
        built.clear();
        tooLarge.clear();
        noRoomUntil.clear();
    }

    private static String key(ZoneLayer l) {
        return l.id() + " " + l.contentHash() + " " + l.updatedAt() + " " + l.kind();
    }

    private static String abbreviate(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
