package projmap.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import projmap.geo.ClipArea;
import projmap.geo.GeodesicMeasure;
import projmap.zones.LayerSnapshot;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;

/**
 * One planning layer as the site checks use it: the layer's shared {@link LayerSnapshot} (features
 * in an {@link org.locationtech.jts.index.strtree.STRtree}, packed coordinates — held once for
 * checks, tiles and OGC items), plus what only the checks need: each feature's geodesic area and
 * {@link ClipArea} cut, worked out once when first needed, and for a boundary layer the union of
 * its features, prepared ({@link PreparedGeometry}) for the inside/outside tests and indexed for
 * distances.
 *
 * <p>Why in memory: a check then costs a few index look-ups and the overlays of the parcels under
 * the site, instead of a database round trip per layer and a WKB decode per parcel (see README,
 * "Site checks", for the figures). Immutable after {@link #of}; thread-safe.
 */
final class LayerIndex {
    /**
     * One feature of the layer, a view of the snapshot's feature. Its geodesic area (m²) is worked
     * out on first use — only features a site covers whole need it, and measuring every parcel up
     * front made the first check after a start (or a new layer version) wait for the whole layer.
     */
    static final class Entry {
        private final LayerIndex owner;
        private final LayerSnapshot.Feature feature;

        Entry(LayerIndex owner, LayerSnapshot.Feature feature) {
            this.owner = owner;
            this.feature = feature;
        }

        long id() {
            return feature.id();
        }

        String code() {
            return feature.code();
        }

        String name() {
            return feature.name();
        }

        Geometry geometry() {
            return feature.geometry();
        }

        /** The geodesic area; computing it twice in a race gives the same number, so no lock. */
        double areaM2() {
            int i = feature.index();
            double a = owner.areas[i];
            if (Double.isNaN(a)) {
                a = GeodesicMeasure.area(feature.geometry());
                owner.areas[i] = a;
            }
            return a;
        }

        /** The feature prepared for measuring a site's part inside it, or null (then an overlay does). */
        ClipArea clip() {
            int i = feature.index();
            Object c = owner.clips.get(i);
            if (c == null) {
                ClipArea made = ClipArea.of(feature.geometry());   // made twice in a race: the same result
                c = made == null ? NO_CLIP : made;
                owner.clips.set(i, c);
            }
            return c == NO_CLIP ? null : (ClipArea) c;
        }
    }

    private static final Object NO_CLIP = new Object();

    private final LayerSnapshot snapshot;
    /** Geodesic areas by feature index, NaN until measured (a double is written whole on 64-bit JVMs). */
    private final double[] areas;
    /** ClipArea cuts by feature index: null until first needed, {@link #NO_CLIP} when it cannot be. */
    private final AtomicReferenceArray<Object> clips;
    private final Geometry union;
    private final PreparedGeometry preparedUnion;
    /** The union cut for {@link ClipArea} (null when not a boundary, too large to cut, or not cleanly cut). */
    private final ClipArea unionClip;
    private final GeodesicMeasure.DistanceTarget distanceTarget;

    /** Past this many vertices a boundary stays with the overlay (cutting it grows faster than its size). */
    private static final int MAX_CUT_VERTICES = 50_000;

    private LayerIndex(LayerSnapshot snapshot, Geometry union) {
        this.snapshot = snapshot;
        this.areas = new double[snapshot.size()];
        java.util.Arrays.fill(areas, Double.NaN);
        this.clips = new AtomicReferenceArray<>(snapshot.size());
        this.union = union;
        this.preparedUnion = union == null ? null : PreparedGeometryFactory.prepare(union);
        this.unionClip = union == null || union.getNumPoints() > MAX_CUT_VERTICES ? null : ClipArea.of(union);
        this.distanceTarget = union == null || union.isEmpty() ? null : new GeodesicMeasure.DistanceTarget(union);
    }

    /** The checks' index over a layer's snapshot. */
    static LayerIndex of(LayerSnapshot snapshot) {
        Geometry union = null;
        if (snapshot.layer().kind() == ZoneKind.BOUNDARY) {
            // a boundary may come in several features (or overlapping ones): the site is judged
            // against the area they cover together
            List<Geometry> parts = new ArrayList<>(snapshot.size());
            for (int i = 0; i < snapshot.size(); i++) {
                Geometry g = snapshot.feature(i).geometry();
                if (g != null) {
                    parts.add(g);
                }
            }
            union = parts.isEmpty() ? PACKED.createPolygon() : UnaryUnionOp.union(parts);
        }
        return new LayerIndex(snapshot, union);
    }

    /** Builds the index of a layer from its features (tests). */
    static LayerIndex build(ZoneLayer layer, Iterable<ZoneFeature> features) {
        LayerSnapshot.Builder b = new LayerSnapshot.Builder(layer);
        features.forEach(b::add);
        return of(b.build());
    }

    private static final GeometryFactory PACKED = new GeometryFactory(new PrecisionModel(), 4326,
            PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    LayerSnapshot snapshot() {
        return snapshot;
    }

    ZoneLayer layer() {
        return snapshot.layer();
    }

    int size() {
        return snapshot.size();
    }

    /** The features whose envelope meets {@code envelope}, in id order (a stable report). */
    List<Entry> candidates(Envelope envelope) {
        List<LayerSnapshot.Feature> found = snapshot.query(envelope);
        List<Entry> out = new ArrayList<>(found.size());
        for (LayerSnapshot.Feature f : found) {
            out.add(new Entry(this, f));
        }
        return out;
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
