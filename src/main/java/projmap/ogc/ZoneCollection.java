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
import projmap.store.Dialect;
import projmap.store.SqlFilter;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneGeoJson;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/** One planning layer as an OGC collection with the layer's id: the same properties as {@code /api/zones/{layer}}. */
final class ZoneCollection implements OgcCollection {
    private final ZoneStore store;
    private final ZoneLayer layer;
    /** On PostGIS the database writes the geometries' GeoJSON (ST_AsGeoJSON), else GeoJsonWriter does. */
    private final boolean geoJsonFromDatabase;

    ZoneCollection(ZoneStore store, ZoneLayer layer, Dialect dialect) {
        this.store = store;
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
