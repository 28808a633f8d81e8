package projmap.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import projmap.geo.BBox;
import projmap.geo.GeoJsonWriter;
import projmap.projects.Project;
import projmap.projects.ProjectGeoJson;
import projmap.projects.ProjectQuery;
import projmap.projects.ProjectStore;
import projmap.store.SqlFilter;

/** The project register as the OGC collection {@code projects}: the same properties as {@code /api/projects}. */
final class ProjectCollection implements OgcCollection {
    static final String ID = "projects";

    private final ProjectStore store;

    ProjectCollection(ProjectStore store) {
        this.store = store;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "建设项目 Construction projects";
    }

    @Override
    public String description() {
        return "The construction programme's projects: points, lines and polygons with status, category, investment (万元) and dates";
    }

    @Override
    public BBox extent() {
        Envelope e = new Envelope();
        for (Project p : store.search(ProjectQuery.ALL)) {
            if (p.geometry() != null) {
                e.expandToInclude(p.geometry().getEnvelopeInternal());
            }
        }
        return e.isNull() ? null : BBox.of(e);
    }

    @Override
    public String stamp() {
        return store.changeStamp();
    }

    @Override
    public Map<String, ProjectStore.Queryable> queryables() {
        return ProjectStore.QUERYABLES;
    }

    @Override
    public SqlFilter during(LocalDate start, LocalDate end) {
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (end != null) {
            terms.add("planned_start <= ?");
            params.add(end);
        } else {
            terms.add("planned_start IS NOT NULL");
        }
        if (start != null) {
            terms.add("planned_end >= ?");
            params.add(start);
        }
        return new SqlFilter(String.join(" AND ", terms), params);
    }

    @Override
    public long count(SqlFilter where) {
        return store.count(where);
    }

    @Override
    public Page writePage(JsonGenerator g, SqlFilter where, int limit, long offset, UnaryOperator<Geometry> axes, boolean latLon)
            throws IOException {
        List<Project> page = store.page(where, limit, offset);
        for (Project p : page) {
            write(g, p, axes);
        }
        return new Page(page.size(), -1);
    }

    @Override
    public boolean writeOne(JsonGenerator g, long fid, UnaryOperator<Geometry> axes) throws IOException {
        var p = store.find(fid);
        if (p.isEmpty()) {
            return false;
        }
        write(g, p.get(), axes);
        return true;
    }

    private static void write(JsonGenerator g, Project p, UnaryOperator<Geometry> axes) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeNumberField("id", p.id());
        g.writeFieldName("geometry");
        GeoJsonWriter.writeGeometry(g, p.geometry() == null ? null : axes.apply(p.geometry()));
        g.writeObjectFieldStart("properties");
        ProjectGeoJson.writeProperties(g, p);
        g.writeEndObject();
        g.writeEndObject();
    }
}
