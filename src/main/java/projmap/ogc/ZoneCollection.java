package projmap.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;
import projmap.geo.BBox;
import projmap.geo.GeoJsonWriter;
import projmap.projects.ProjectStore;
import projmap.store.SqlFilter;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneGeoJson;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/** One planning layer as an OGC collection with the layer's id: the same properties as {@code /api/zones/{layer}}. */
final class ZoneCollection implements OgcCollection {
    private final ZoneStore store;
    private final ZoneLayer layer;

    ZoneCollection(ZoneStore store, ZoneLayer layer) {
        this.store = store;
        this.layer = layer;
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
    public int writePage(JsonGenerator g, SqlFilter where, int limit, long offset, UnaryOperator<Geometry> axes) throws IOException {
        List<ZoneFeature> page = store.page(layer.id(), where, limit, offset);
        for (ZoneFeature f : page) {
            write(g, f, axes);
        }
        return page.size();
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

    private static void write(JsonGenerator g, ZoneFeature f, UnaryOperator<Geometry> axes) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeNumberField("id", f.id());
        g.writeFieldName("geometry");
        GeoJsonWriter.writeGeometry(g, axes.apply(f.geometry()));
        g.writeObjectFieldStart("properties");
        ZoneGeoJson.writeProperties(g, f);
        g.writeEndObject();
        g.writeEndObject();
    }
}
