package projmap.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import projmap.geo.BBox;
import projmap.geo.GeoJsonWriter;
import projmap.projects.ProjectStore;
import projmap.store.Dialect;
import projmap.store.SqlFilter;
import projmap.zones.LayerSnapshot;
import projmap.zones.LayerSnapshots;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneGeoJson;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/** One planning layer as an OGC collection with the layer's id: the same properties as {@code /api/zones/{layer}}. */
final class ZoneCollection implements OgcCollection {
    private final ZoneStore store;
    private final LayerSnapshots snapshots;
    private final ZoneLayer layer;
    /** On PostGIS the database writes the geometries' GeoJSON (ST_AsGeoJSON), else GeoJsonWriter does. */
    private final boolean geoJsonFromDatabase;

    ZoneCollection(ZoneStore store, LayerSnapshots snapshots, ZoneLayer layer, Dialect dialect) {
        this.store = store;
        this.snapshots = snapshots;
        this.layer = layer;
        this.geoJsonFromDatabase = dialect == Dialect.POSTGIS;
    }

    @Override
    public String id() {
        return layer.id();
    }

    @Override
    public String title() {
        return layer.titleZh() + " " + layer.titleEn();
    }

    @Override
    public String description() {
        return "Planning layer (" + layer.kind().code() + "), vintage " + layer.vintage() + ", content hash " + layer.contentHash();
    }

    @Override
    public BBox extent() {
        return store.extent(layer.id()).map(ZoneStore.LayerExtent::bounds).orElse(null);
    }

    @Override
    public String stamp() {
        return layer.contentHash() + "/" + layer.updatedAt();
    }

    @Override
    public Map<String, ProjectStore.Queryable> queryables() {
        return ZoneStore.QUERYABLES;
    }

    @Override
    public SqlFilter during(LocalDate start, LocalDate end) {
        return null;
    }

    @Override
    public long count(SqlFilter where) {
        return store.count(layer.id(), where);
    }

    @Override
    public Page writePage(JsonGenerator g, SqlFilter where, int limit, long offset, UnaryOperator<Geometry> axes, boolean latLon)
            throws IOException {
        if (geoJsonFromDatabase) {
            // rows go straight from the result set into the response: the geometry text as it came
            int[] n = {0};
            long matched = store.pageAsGeoJson(layer.id(), where, limit, offset, latLon, row -> {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeNumberField("id", row.id());
                g.writeFieldName("geometry");
                if (row.geometry() == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(row.geometry());
                }
                g.writeObjectFieldStart("properties");
                ZoneGeoJson.writeProperties(g, row.id(), row.layerId(), row.code(), row.name(), row.attributes());
                g.writeEndObject();
                g.writeEndObject();
                n[0]++;
            });
            return new Page(n[0], matched);
        }
        List<ZoneFeature> page = store.page(layer.id(), where, limit, offset);
        for (ZoneFeature f : page) {
            write(g, f, axes);
        }
        return new Page(page.size(), -1);
    }

    /**
     * The page from the layer's {@link LayerSnapshot} when this version of it is in memory (else
     * null, and the snapshot is read in the background): features whose geometry meets the box —
     * OGC's bbox, not just their envelope — and whose queryables have one of the values asked
     * for, in id order; every match is counted, so {@code numberMatched} is exact.
     */
    @Override
    public Page writePageFromMemory(JsonGenerator g, ItemsQuery.Plain plain, int limit, long offset,
                                    UnaryOperator<Geometry> axes) throws IOException {
        for (String name : plain.equal().keySet()) {
            if (!name.equals("id") && !name.equals("code") && !name.equals("name")) {
                return null;
            }
        }
        Optional<LayerSnapshot> ready = snapshots.ready(layer);
        if (ready.isEmpty()) {
            return null;
        }
        LayerSnapshot snapshot = ready.get();
        BoxTest box = plain.bbox() == null ? null : new BoxTest(plain.bbox());
        List<LayerSnapshot.Feature> candidates = box == null ? null : snapshot.query(box.envelope);
        int n = candidates == null ? snapshot.size() : candidates.size();
        long matched = 0;
        int returned = 0;
        for (int i = 0; i < n; i++) {
            LayerSnapshot.Feature f = candidates == null ? snapshot.feature(i) : candidates.get(i);
            if (!equal(plain.equal(), f) || box != null && !box.meets(f.geometry(), f.envelope())) {
                continue;
            }
            if (matched >= offset && returned < limit) {
                write(g, f.id(), f.code(), f.name(), f.attributes(), axes.apply(f.geometry()));
                returned++;
            }
            matched++;
        }
        return new Page(returned, matched);
    }

    private static boolean equal(Map<String, Set<Object>> equal, LayerSnapshot.Feature f) {
        for (Map.Entry<String, Set<Object>> e : equal.entrySet()) {
            Object value = switch (e.getKey()) {
                case "id" -> f.id();
                case "code" -> f.code();
                default -> f.name();
            };
            if (value == null || !e.getValue().contains(value)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a geometry meets a box, as the SQL path's {@code geom && box AND ST_Intersects(geom, box)}. */
    private static final class BoxTest {
        private final Envelope envelope;
        private final Geometry rectangle;

        BoxTest(BBox b) {
            envelope = new Envelope(b.minLon(), b.maxLon(), b.minLat(), b.maxLat());
            rectangle = new GeometryFactory().toGeometry(envelope);
        }

        boolean meets(Geometry g, Envelope e) {
            if (g == null || e == null) {
                return false;
            }
            if (!envelope.intersects(e)) {
                return false;
            }
            // a feature whose own box lies inside the query box meets it for sure; the others are
            // tested exactly (JTS's rectangle test, no overlay)
            return envelope.covers(e) || rectangle.intersects(g);
        }
    }

    @Override
    public boolean writeOne(JsonGenerator g, long fid, UnaryOperator<Geometry> axes) throws IOException {
        List<ZoneFeature> one = store.page(layer.id(), new SqlFilter("id = ?", List.of(fid)), 1, 0);
        if (one.isEmpty()) {
            return false;
        }
        write(g, one.get(0), axes);
        return true;
    }

    private void write(JsonGenerator g, ZoneFeature f, UnaryOperator<Geometry> axes) throws IOException {
        write(g, f.id(), f.code(), f.name(), f.attributes(), axes.apply(f.geometry()));
    }

    private void write(JsonGenerator g, long id, String code, String name, String attributes, Geometry geometry)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeNumberField("id", id);
        g.writeFieldName("geometry");
        GeoJsonWriter.writeGeometry(g, geometry);
        g.writeObjectFieldStart("properties");
        ZoneGeoJson.writeProperties(g, id, layer.id(), code, name, attributes);
        g.writeEndObject();
        g.writeEndObject();
    }
}
