package projmap.checks;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import projmap.geo.ClipArea;
import projmap.geo.GeodesicMeasure;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;

/**
 * One planning layer held in memory for checking: its features in an {@link STRtree}, each with its
 * geodesic area worked out once, when first needed; for a boundary layer also the union of its features, prepared
 * ({@link PreparedGeometry}) for the inside/outside tests and indexed for distances.
 *
 * <p>Why in memory: a check then costs a few index look-ups and the overlays of the parcels under
 * the site, instead of a database round trip per layer and a WKB decode per parcel (see README,
 * "Site checks", for the figures). Coordinates are kept in packed double arrays to hold a
 * million-parcel layer in a few hundred MB. Immutable after {@link #build}; thread-safe.
 */
final class LayerIndex {
    /** Packed coordinates: about a third of the memory of {@code Coordinate[]} for small parcels. */
    private static final GeometryFactory PACKED = new GeometryFactory(new PrecisionModel(), 4326,
            PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    /**
     * One feature of the layer. Its geodesic area (m²) is worked out on first use — only features a
     * site covers whole need it, and measuring every parcel up front made the first check after a
     * start (or a new layer version) wait for the whole layer.
     */
    static final class Entry {
        private final long id;
        private final String code;
        private final String name;
        private final Geometry geometry;
        private volatile double areaM2 = Double.NaN;
        /** The feature cut for {@link ClipArea}: null until first needed, {@link #NO_CLIP} when it cannot be. */
        private volatile Object clip;

        Entry(long id, String code, String name, Geometry geometry) {
            this.id = id;
            this.code = code;
            this.name = name;
            this.geometry = geometry;
        }

        long id() {
            return id;
        }

        String code() {
            return code;
        }

        String name() {
            return name;
        }

        Geometry geometry() {
            return geometry;
        }

        /** The geodesic area; computing it twice in a race gives the same number, so no lock. */
        double areaM2() {
            double a = areaM2;
            if (Double.isNaN(a)) {
                a = GeodesicMeasure.area(geometry);
                areaM2 = a;
            }
            return a;
        }

        /** The feature prepared for measuring a site's part inside it, or null (then an overlay does). */
        ClipArea clip() {
            Object c = clip;
            if (c == null) {
                ClipArea made = ClipArea.of(geometry);   // made twice in a race: the same result
                c = made == null ? NO_CLIP : made;
                clip = c;
            }
            return c == NO_CLIP ? null : (ClipArea) c;
        }
    }

    private static final Object NO_CLIP = new Object();

    private final ZoneLayer layer;
    private final STRtree tree;
    private final int size;
    private final Geometry union;
    private final PreparedGeometry preparedUnion;
    /** The union cut for {@link ClipArea} (null when not a boundary, too large to cut, or not cleanly cut). */
    private final ClipArea unionClip;
    private final GeodesicMeasure.DistanceTarget distanceTarget;

    /** Past this many vertices a boundary stays with the overlay (cutting it grows faster than its size). */
    private static final int MAX_CUT_VERTICES = 50_000;

    private LayerIndex(ZoneLayer layer, STRtree tree, int size, Geometry union) {
        this.layer = layer;
        this.tree = tree;
        this.size = size;
        this.union = union;
        this.preparedUnion = union == null ? null : PreparedGeometryFactory.prepare(union);
        this.unionClip = union == null || union.getNumPoints() > MAX_CUT_VERTICES ? null : ClipArea.of(union);
        this.distanceTarget = union == null || union.isEmpty() ? null : new GeodesicMeasure.DistanceTarget(union);
    }

    /** Builds the index of a layer from its features (streamed from the store). */
    static LayerIndex build(ZoneLayer layer, Iterable<ZoneFeature> features) {
        Builder b = new Builder(layer);
        features.forEach(b::add);
        return b.build();
    }

    /** Takes the features one by one (as the store streams them) and builds the index at the end. */
    static final class Builder {
        private final ZoneLayer layer;
        private final STRtree tree = new STRtree();
        private final List<Geometry> parts;
        private int n;

        Builder(ZoneLayer layer) {
            this.layer = layer;
            this.parts = layer.kind() == ZoneKind.BOUNDARY ? new ArrayList<>() : null;
        }

        void add(ZoneFeature f) {
            Geometry g = PACKED.createGeometry(f.geometry());
            tree.insert(g.getEnvelopeInternal(), new Entry(f.id(), f.code(), f.name(), g));
            if (parts != null) {
                parts.add(g);
            }
            n++;
        }

        LayerIndex build() {
            tree.build();
            Geometry union = null;
            if (parts != null) {
                // a boundary may come in several features (or overlapping ones): the site is judged
                // against the area they cover together
                union = parts.isEmpty() ? PACKED.createPolygon() : UnaryUnionOp.union(parts);
            }
            return new LayerIndex(layer, tree, n, union);
        }
    }

    ZoneLayer layer() {
        return layer;
    }

    int size() {
        return size;
    }

    /** The features whose envelope meets {@code envelope}, in id order (a stable report). */
    @SuppressWarnings("unchecked")
    List<Entry> candidates(Envelope envelope) {
        List<Entry> found = new ArrayList<>((List<Entry>) tree.query(envelope));
        found.sort((a, b) -> Long.compare(a.id(), b.id()));
        return found;
    }

    /** The area the boundary layer covers (null for other kinds). */
    Geometry union() {
        return union;
    }

    PreparedGeometry preparedUnion() {
        return preparedUnion;
    }

    /** The boundary's union prepared for measuring a site's part inside it, or null (an overlay does). */
    ClipArea unionClip() {
        return unionClip;
    }

    /** The geodesic distance (m) from {@code site} to the boundary, or NaN for an empty layer. */
    double distanceToBoundary(Geometry site) {
        return distanceTarget == null ? Double.NaN : distanceTarget.distanceFrom(site);
    }
}
