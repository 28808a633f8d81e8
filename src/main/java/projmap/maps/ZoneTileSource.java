package projmap.maps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import projmap.geo.BBox;
import projmap.zones.LayerSnapshot;
import projmap.zones.LayerSnapshots;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * One planning layer as a tile layer: id, code (land-use class, patch number) and name per feature.
 * Read from the layer's in-memory {@link LayerSnapshot} when this version of it is there (no
 * database round trip, no WKB decoding), else from the store — the same features in the same
 * order, so the tile's bytes do not depend on where they came from.
 */
final class ZoneTileSource implements TileSource {
    private static final Map<String, String> FIELDS = Map.of(
            "id", "Number: feature id (also the MVT feature id)",
            "code", "String: class or identifier, e.g. the GB 50137 land-use code",
            "name", "String: name");

    private final ZoneStore store;
    private final LayerSnapshots snapshots;
    private final ZoneLayer layer;
    /** Whether the last {@link #features} call read the snapshot (Server-Timing). */
    private boolean fromMemory;

    ZoneTileSource(ZoneStore store, LayerSnapshots snapshots, ZoneLayer layer) {
        this.store = store;
        this.snapshots = snapshots;
        this.layer = layer;
    }

    @Override
    public String id() {
        return layer.id();
    }

    @Override
    public String description() {
        return layer.titleZh() + " " + layer.titleEn();
    }

    @Override
    public Map<String, String> fields() {
        return new LinkedHashMap<>(FIELDS);
    }

    @Override
    public String stamp() {
        return layer.contentHash();
    }

    @Override
    public BBox bounds() {
        return store.extent(layer.id()).map(ZoneStore.LayerExtent::bounds).orElse(null);
    }

    @Override
    public void features(BBox bbox, Consumer<VectorTileEncoder.Feature> sink) {
        // never waits for a snapshot: while it is being read (in the background) the store answers
        Optional<LayerSnapshot> snapshot = snapshots.ready(layer);
        fromMemory = snapshot.isPresent();
        if (fromMemory) {
            Envelope box = new Envelope(bbox.minLon(), bbox.maxLon(), bbox.minLat(), bbox.maxLat());
            for (LayerSnapshot.Feature f : snapshot.get().query(box)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("code", f.code());
                a.put("name", f.name());
                sink.accept(new VectorTileEncoder.Feature(f.id(), f.geometry(), a));
            }
            return;
        }
        store.forEachShape(layer.id(), bbox, f -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("code", f.code());
            a.put("name", f.name());
            sink.accept(new VectorTileEncoder.Feature(f.id(), f.geometry(), a));
        });
    }

    @Override
    public String readFrom() {
        return fromMemory ? "memory" : "store";
    }
}
