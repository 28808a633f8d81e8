package projmap.maps;

import java.util.Map;
import java.util.function.Consumer;
import projmap.geo.BBox;

/**
 * Where the features of one vector-tile layer come from: the project register or one planning
 * layer. The database (or a planning layer's in-memory snapshot) only filters by bounding box;
 * clipping, simplifying and encoding happen in Java ({@link VectorTileEncoder}), so both stores
 * serve the same tiles.
 */
interface TileSource {
    /** The layer id in URLs, the MVT layer name, and the {@link projmap.store.ChangeFeed} source. */
    String id();

    String description();

    /** The attributes every feature carries, name → type, for TileJSON's {@code vector_layers}. */
    Map<String, String> fields();

    /** A text that changes whenever any feature of the layer does (the disk cache's check across restarts). */
    String stamp();

    /** The box around all features, or null when the layer is empty. */
    BBox bounds();

    /** Streams the features whose bounding box meets {@code bbox}, in id order. */
    void features(BBox bbox, Consumer<VectorTileEncoder.Feature> sink);

    /** Where the last {@link #features} call read them ("store" or "memory"), for Server-Timing. */
    default String readFrom() {
        return "store";
    }
}
