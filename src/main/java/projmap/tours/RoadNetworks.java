package projmap.tours;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import projmap.Config;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * The road network of the layer named by PROJMAP_TOUR_ROADS, built once per layer version
 * (content hash) and rebuilt when a new vintage is imported. Thread-safe.
 */
public final class RoadNetworks {
    static final String SETTING = "PROJMAP_TOUR_ROADS / --tour-roads";

    private final ZoneStore zones;
    private final Optional<String> layerId;
    private volatile Built built;

    private record Built(String contentHash, RoadNetwork network) {
    }

    /** The network to route on, or why legs are drawn straight ({@code reason} is a code the web app translates). */
    record Current(RoadNetwork network, String reason, String detail) {
        static Current none(String reason, String detail) {
            return new Current(null, reason, detail);
        }
    }

    public RoadNetworks(ZoneStore zones, Optional<String> layerId) {
        this.zones = zones;
        this.layerId = layerId;
    }

    /**
     * Checks the setting at start-up: an unknown layer or one of another kind stops the server
     * with a one-line message; a roads layer without lines only warns (legs are then straight).
     *
     * @return a warning to log, if any
     */
    public Optional<String> checkAtStartup() {
        if (layerId.isEmpty()) {
            return Optional.empty();
        }
        String id = layerId.get();
        ZoneLayer layer = zones.layer(id).orElseThrow(() -> new Config.ConfigException(SETTING + ": no planning layer '"
                + id + "'; import the road centre lines first (projmap import zones " + id + " roads.shp --kind roads --title 道路)"));
        if (layer.kind() != ZoneKind.ROADS) {
            throw new Config.ConfigException(SETTING + ": layer '" + id + "' is of kind " + layer.kind().code()
                    + ", expected a layer of kind roads (road centre lines)");
        }
        Current c = current().orElseThrow();
        return c.network() == null ? Optional.of(SETTING + ": " + c.detail() + "; tour legs are drawn straight")
                : Optional.empty();
    }

    /** The network now, or empty when none is configured (every leg straight, as before PROJMAP_TOUR_ROADS). */
    Optional<Current> current() {
        if (layerId.isEmpty()) {
            return Optional.empty();
        }
        String id = layerId.get();
        Optional<ZoneLayer> layer = zones.layer(id);
        if (layer.isEmpty()) {
            return Optional.of(Current.none("roads_layer_missing", "the roads layer '" + id + "' does not exist"));
        }
        Built b = built;
        if (b == null || !java.util.Objects.equals(b.contentHash(), layer.get().contentHash())) {
            List<Geometry> lines = new ArrayList<>();
            zones.forEachFeature(id, null, f -> lines.add(f.geometry()));
            b = new Built(layer.get().contentHash(), RoadNetwork.of(lines));
            built = b;
        }
        if (b.network().segmentCount() == 0) {
            return Optional.of(Current.none("roads_layer_without_lines", "the roads layer '" + id + "' holds no lines"));
        }
        return Optional.of(new Current(b.network(), null, null));
    }
}
