package projmap.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * The in-memory {@link LayerIndex} of every planning layer, kept in step with the store: each call
 * of {@link #current()} reads the layer list (a few rows) and rebuilds the index of a layer whose
 * content hash has changed since it was built, so a new layer version is used from the next check
 * on — also when another app instance wrote it. Thread-safe; a layer is built by one thread at a
 * time while the others wait for it.
 */
final class LayerIndexCache {
    private static final Logger LOG = LoggerFactory.getLogger(LayerIndexCache.class);

    private final ZoneStore zones;
    private final ExecutorService workers;
    private final Map<String, LayerIndex> built = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    LayerIndexCache(ZoneStore zones, ExecutorService workers) {
        this.zones = zones;
        this.workers = workers;
    }

    /** The indexes of all layers, in the store's layer order (boundaries, restrictions, zoning). */
    List<LayerIndex> current() {
        List<ZoneLayer> layers = zones.layers().stream().filter(l -> l.kind().siteCheck()).toList();
        // layers that need (re)building are read side by side: a cold start waits for the largest
        // layer, not for the sum of all
        List<Future<LayerIndex>> pending = new ArrayList<>(layers.size());
        for (ZoneLayer layer : layers) {
            LayerIndex known = built.get(layer.id());
            pending.add(known != null && sameVersion(known.layer(), layer) ? CompletableFuture.completedFuture(known)
                    : workers.submit(() -> index(layer)));
        }
        List<LayerIndex> out = new ArrayList<>(layers.size());
        for (Future<LayerIndex> f : pending) {
            out.add(join(f));
        }
        built.keySet().retainAll(layers.stream().map(ZoneLayer::id).toList());
        return out;
    }

    private LayerIndex index(ZoneLayer layer) {
        LayerIndex known = built.get(layer.id());
        if (known != null && sameVersion(known.layer(), layer)) {
            return known;
        }
        synchronized (locks.computeIfAbsent(layer.id(), k -> new Object())) {
            known = built.get(layer.id());
            if (known != null && sameVersion(known.layer(), layer)) {
                return known;
            }
            ZoneLayer version = layer;
            for (int attempt = 0; ; attempt++) {
                long t0 = System.nanoTime();
                LayerIndex.Builder builder = new LayerIndex.Builder(version);
                zones.forEachFeature(version.id(), null, builder::add);
                LayerIndex index = builder.build();
                // the layer may have been replaced while it was read: then label it truthfully and read again
                ZoneLayer after = zones.layer(version.id()).orElse(version);
                if (sameVersion(after, version) || attempt == 2) {
                    LOG.info("site checks: indexed layer {} ({} features, hash {}) in {} ms", version.id(), index.size(),
                            abbreviate(version.contentHash()), (System.nanoTime() - t0) / 1_000_000);
                    built.put(version.id(), index);
                    return index;
                }
                version = after;
            }
        }
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

    private static boolean sameVersion(ZoneLayer a, ZoneLayer b) {
        return Objects.equals(a.contentHash(), b.contentHash()) && Objects.equals(a.updatedAt(), b.updatedAt())
                && a.kind() == b.kind();
    }

    private static String abbreviate(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
    }

    /** The number of features of the layer's index, if this version of it is in memory. */
    java.util.Optional<Integer> size(ZoneLayer layer) {
        LayerIndex known = built.get(layer.id());
        return known != null && sameVersion(known.layer(), layer) ? java.util.Optional.of(known.size())
                : java.util.Optional.empty();
    }

    /** Drops every index (tests, benchmarks of a cold start). */
    void clear() {
        built.clear();
    }
}
