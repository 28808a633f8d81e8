package projmap.maps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import projmap.geo.BBox;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/** One planning layer as a tile layer: id, code (land-use class, patch number) and name per feature. */
final class ZoneTileSource implements TileSource {
    private static final Map<String, String> FIELDS = Map.of(
            "id", "Number: feature id (also the MVT feature id)",
            "code", "String: class or identifier, e.g. the GB 50137 land-use code",
            "name", "String: name");

    private final ZoneStore store;
    private final ZoneLayer layer;

    ZoneTileSource(ZoneStore store, ZoneLayer layer) {
        this.store = store;
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
        store.forEachShape(layer.id(), bbox, f -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("code", f.code());
            a.put("name", f.name());
            sink.accept(new VectorTileEncoder.Feature(f.id(), f.geometry(), a));
        });
    }
}
