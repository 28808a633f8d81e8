package projmap.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, LayerIndex> built = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    LayerIndexCache(ZoneStore zones) {
        this.zones = zones;
    }

    /** The indexes of all layers, in the store's layer order (boundaries, restrictions, zoning). */
    List<LayerIndex> current() {
        List<ZoneLayer> layers = zones.layers();
        List<LayerIndex> out = new ArrayList<>(layers.size());
        for (ZoneLayer layer : layers) {
            out.add(index(layer));
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

    private static boolean sameVersion(ZoneLayer a, ZoneLayer b) {
        return Objects.equals(a.contentHash(), b.contentHash()) && Objects.equals(a.updatedAt(), b.updatedAt())
                && a.kind() == b.kind();
    }

    private static String abbreviate(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
    }

    /** Drops every index (tests, benchmarks of a cold start). */
    void clear() {
        built.clear();
    }
}
