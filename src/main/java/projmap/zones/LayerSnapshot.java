package projmap.zones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * One version of a planning layer held in memory: every feature (id, code, name, the attributes'
 * JSON text as the store gives it, the geometry) in id order, and an {@link STRtree} over them.
 * Shared by the site checks, the vector tiles and the OGC items of that layer version (see
 * {@link LayerSnapshots}), so a layer is read from the database and held once.
 *
 * <p>Coordinates are kept in packed double arrays (about a third of {@code Coordinate[]} for small
 * parcels); repeated codes, names and attribute texts are held once. Immutable after
 * {@link Builder#build}; thread-safe. Nothing may change a feature's geometry (readers copy it
 * before transforming, as {@code VectorTileEncoder} does).
 */
public final class LayerSnapshot {
    /** Packed coordinates, SRID 4326 (lon/lat), as the features are stored. */
    private static final GeometryFactory PACKED = new GeometryFactory(new PrecisionModel(), 4326,
            PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    /**
     * One feature. {@code index} is its place in id order (0 … size-1), for callers that keep
     * something per feature in an array beside the snapshot (the checks' lazy areas).
     * {@code envelope} is its box (the index's own; null for an empty geometry): read it instead
     * of {@code geometry().getEnvelopeInternal()}, which would keep two more boxes per feature
     * (the polygon's and its ring's, ~100 bytes) for the life of the snapshot.
     */
    public record Feature(int index, long id, String code, String name, String attributes, Geometry geometry,
                          Envelope envelope) {
    }

    private final ZoneLayer layer;
    private final Feature[] features;
    private final STRtree tree;

    private LayerSnapshot(ZoneLayer layer, Feature[] features, STRtree tree) {
        this.layer = layer;
        this.features = features;
        this.tree = tree;
    }

    /** The layer version the features belong to. */
    public ZoneLayer layer() {
        return layer;
    }

    public int size() {
        return features.length;
    }

    /** The feature at {@code index} in id order. */
    public Feature feature(int index) {
        return features[index];
    }

    /** The features whose envelope meets {@code envelope}, in id order (what the store's {@code geom && box ORDER BY id} gives). */
    @SuppressWarnings("unchecked")
    public List<Feature> query(Envelope envelope) {
        List<Feature> found = new ArrayList<>((List<Feature>) tree.query(envelope));
        // the index is the id order: sorting ints is cheaper than comparing the ids' longs
        found.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return found;
    }

    /** Whether this snapshot holds the given version of its layer (content hash, update time and kind). */
    public boolean isOf(ZoneLayer version) {
        return sameVersion(layer, version);
    }

    static boolean sameVersion(ZoneLayer a, ZoneLayer b) {
        return a.id().equals(b.id()) && Objects.equals(a.contentHash(), b.contentHash())
                && Objects.equals(a.updatedAt(), b.updatedAt()) && a.kind() == b.kind();
    }

    /** Takes the features one by one, in id order as the store streams them, and builds the snapshot at the end. */
    public static final class Builder {
        private final ZoneLayer layer;
        private final List<Feature> features = new ArrayList<>();
        /** One copy of each repeated text (land-use codes, "{}" attributes): most parcels share them. */
        private final Map<String, String> texts = new HashMap<>();
        private long lastId = Long.MIN_VALUE;
        private boolean inIdOrder = true;

        public Builder(ZoneLayer layer) {
            this.layer = layer;
        }

        public void add(ZoneFeature f) {
            Geometry g = f.geometry() == null ? null : PACKED.createGeometry(f.geometry());
            inIdOrder &= f.id() > lastId;
            lastId = f.id();
            features.add(new Feature(features.size(), f.id(), once(f.code()), once(f.name()), once(f.attributes()), g,
                    envelope(g)));
        }

        /** The box from the coordinates, without making the geometry cache its own. */
        private static Envelope envelope(Geometry g) {
            if (g == null || g.isEmpty()) {
                return null;
            }
            Envelope e = new Envelope();
            g.apply((org.locationtech.jts.geom.CoordinateSequenceFilter) new BoxFilter(e));
            return e;
        }

        private String once(String s) {
            if (s == null) {
                return null;
            }
            // long texts are rarely repeated; keeping them out of the map keeps the build's peak lower
            return s.length() > 64 ? s : texts.computeIfAbsent(s, k -> k);
        }

        public int size() {
            return features.size();
        }

        public LayerSnapshot build() {
            List<Feature> list = features;
            if (!inIdOrder) {
                list = new ArrayList<>(features);
                list.sort((a, b) -> Long.compare(a.id(), b.id()));
                List<Feature> renumbered = new ArrayList<>(list.size());
                for (Feature f : list) {
                    renumbered.add(new Feature(renumbered.size(), f.id(), f.code(), f.name(), f.attributes(), f.geometry(),
                            f.envelope()));
                }
                list = renumbered;
            }
            Feature[] array = list.toArray(new Feature[0]);
            STRtree tree = new STRtree();
            for (Feature f : array) {
                if (f.envelope() != null) {
                    tree.insert(f.envelope(), f);
                }
            }
            tree.build();
            texts.clear();
            return new LayerSnapshot(layer, array, tree);
        }
    }

    /** Widens a box by every coordinate of a geometry (read-only: the geometry is not changed). */
    private static final class BoxFilter implements org.locationtech.jts.geom.CoordinateSequenceFilter {
        private final Envelope box;

        BoxFilter(Envelope box) {
            this.box = box;
        }

        @Override
        public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
            box.expandToInclude(seq.getX(i), seq.getY(i));
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return false;
        }
    }
}
