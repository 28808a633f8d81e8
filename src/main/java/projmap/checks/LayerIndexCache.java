package projmap.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import projmap.zones.ZoneLayer;
import projmap.zones.LayerSnapshot;
import projmap.zones.LayerSnapshots;

/**
 * The checks' {@link LayerIndex} of every site-check planning layer, kept in step with the store:
 * each call of {@link #current()} reads the layer list (a few rows) and uses the shared
 * {@link LayerSnapshots} for the version it names — rebuilt when a layer's content hash has changed
 * since, so a new layer version is used from the next check on, also when another app instance
 * wrote it. The features are held once, in the snapshot (which tiles and OGC items read too); the
 * index adds the checks' own extras on top. Thread-safe.
 */
final class LayerIndexCache {
    private final LayerSnapshots snapshots;
    private final ExecutorService workers;
    /** The checks' extras per layer, for the snapshot they were made over. */
    private final Map<String, LayerIndex> built = new ConcurrentHashMap<>();

    LayerIndexCache(LayerSnapshots snapshots, ExecutorService workers) {
        this.snapshots = snapshots;
        this.workers = workers;
    }

    /** The indexes of all layers, in the store's layer order (boundaries, restrictions, zoning). */
    List<LayerIndex> current() {
        List<ZoneLayer> layers = snapshots.store().layers().stream().filter(l -> l.kind().siteCheck()).toList();
        // layers that need (re)building are read side by side: a cold start waits for the largest
        // layer, not for the sum of all
        List<Future<LayerIndex>> pending = new ArrayList<>(layers.size());
        for (ZoneLayer layer : layers) {
            LayerIndex known = built.get(layer.id());
            pending.add(known != null && known.snapshot().isOf(layer) ? CompletableFuture.completedFuture(known)
                    : workers.submit(() -> index(layer)));
        }
        List<LayerIndex> out = new ArrayList<>(layers.size());
        for (Future<LayerIndex> f : pending) {
            out.add(join(f));
        }
        List<String> ids = layers.stream().map(ZoneLayer::id).toList();
        built.keySet().retainAll(ids);
        return out;
    }

    private LayerIndex index(ZoneLayer layer) {
        LayerSnapshot snapshot = snapshots.get(layer);
        LayerIndex known = built.get(layer.id());
        if (known != null && known.snapshot() == snapshot) {
            return known;
        }
        // two threads may make the extras of one snapshot at once: either result is the same
        LayerIndex made = LayerIndex.of(snapshot);
        built.put(layer.id(), made);
        return made;
    }

    private static LayerIndex join(Future<LayerIndex> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing planning layers", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The number of features of the layer's index, if this version of it is in memory. */
    java.util.Optional<Integer> size(ZoneLayer layer) {
        return snapshots.size(layer);
    }

    /** Drops every index and snapshot (tests, benchmarks of a cold start). */
    void clear() {
        built.clear();
        snapshots.clear();
    }
}
