package projmap.maps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import projmap.geo.BBox;
import projmap.projects.Project;
import projmap.projects.ProjectQuery;
import projmap.projects.ProjectStore;
import projmap.store.ChangeFeed;

/** The projects as one tile layer, with what a client styles by (status, category) and shows in a popup. */
final class ProjectTileSource implements TileSource {
    private static final Map<String, String> FIELDS = describeFields();

    private final ProjectStore store;

    ProjectTileSource(ProjectStore store) {
        this.store = store;
    }

    private static Map<String, String> describeFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", "Number: project id (also the MVT feature id)");
        f.put("code", "String: project code");
        f.put("name", "String: project name");
        f.put("status", "String: status code (planned, preparing, under_construction, completed, suspended)");
        f.put("category", "String: category code");
        return f;
    }

    @Override
    public String id() {
        return ChangeFeed.PROJECTS;
    }

    @Override
    public String description() {
        return "建设项目 Construction projects";
    }

    @Override
    public Map<String, String> fields() {
        return FIELDS;
    }

    @Override
    public String stamp() {
        return store.changeStamp();
    }

    @Override
    public BBox bounds() {
        Envelope e = new Envelope();
        store.search(ProjectQuery.ALL).forEach(p -> {
            if (p.geometry() != null) {
                e.expandToInclude(p.geometry().getEnvelopeInternal());
            }
        });
        return e.isNull() ? null : BBox.of(e);
    }

    @Override
    public void features(BBox bbox, Consumer<VectorTileEncoder.Feature> sink) {
        ProjectQuery query = new ProjectQuery(bbox, Set.of(), Set.of(), Set.of(), Set.of(), null, null);
        for (Project p : store.search(query)) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("code", p.code());
            a.put("name", p.name());
            a.put("status", p.status().code());
            a.put("category", p.category().code());
            sink.accept(new VectorTileEncoder.Feature(p.id(), p.geometry(), a));
        }
    }
}
