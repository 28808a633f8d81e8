package projmap.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.geo.GeoJsonReader;
import projmap.geo.GeometryValidator;
import projmap.projects.Project;
import projmap.projects.ProjectReader;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * Fills a store with the demo city that ships inside the jar ({@code data/demo/}, packaged as
 * {@code /demo/}): its planning layers and its 532 projects. Loading is one transaction: a store
 * has the whole demo city or none of it.
 */
public final class DemoLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String USER = "demo";

    private final Database db;
    private final ProjectStore projects;
    private final ZoneStore zones;

    public DemoLoader(Database db, ProjectStore projects, ZoneStore zones) {
        this.db = db;
        this.projects = projects;
        this.zones = zones;
    }

    /** Loads the demo city into an empty store (first start); a store with data is left alone. */
    public boolean loadIfEmpty() {
        if (projects.count() > 0 || !zones.layers().isEmpty()) {
            return false;
        }
        load(false);
        return true;
    }

    /** Replaces everything in the store with the demo city ({@code demo --reset}). */
    public void reset() {
        load(true);
    }

    private void load(boolean clearFirst) {
        long started = System.nanoTime();
        List<LayerData> layers = readLayers();
        List<Project> demoProjects = readProjects();
        long read = System.nanoTime();
        db.inTransaction(c -> {
            if (clearFirst) {
                projects.deleteAll(c);
                zones.deleteAll(c);
            }
            for (LayerData layer : layers) {
                zones.replace(c, layer.layer(), layer.features());
            }
            projects.insert(c, demoProjects, USER);
            return null;
        });
        LOG.info("demo city loaded: {} planning layers, {} projects in {} ms ({} ms reading the files)",
                layers.size(), demoProjects.size(), (System.nanoTime() - started) / 1_000_000, (read - started) / 1_000_000);
    }

    private record LayerData(ZoneLayer layer, List<ZoneFeature> features) {
    }

    private List<LayerData> readLayers() {
        JsonNode index = readJson("/demo/layers.json", false);
        List<LayerData> out = new ArrayList<>();
        for (JsonNode l : index) {
            String id = l.path("id").asText();
            ZoneKind kind = ZoneKind.byCode(l.path("kind").asText())
                    .orElseThrow(() -> new IllegalStateException("demo layer " + id + ": unknown kind"));
            ZoneLayer layer = new ZoneLayer(id, l.path("titleZh").asText(), l.path("titleEn").asText(), kind,
                    l.path("vintage").asText(null), l.path("source").asText(null), null, null);
            JsonNode collection = readJson("/demo/" + l.path("file").asText(id + ".geojson.gz"), true);
            List<ZoneFeature> features = new ArrayList<>();
            GeoJsonReader reader = new GeoJsonReader();
            for (JsonNode f : collection.path("features")) {
                Geometry g = reader.read(f);
                JsonNode props = f.path("properties");
                var attributes = props.deepCopy();
                if (attributes instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                    o.remove(List.of("code", "name"));
                }
                features.add(new ZoneFeature(0, id, props.path("code").asText(null), props.path("name").asText(null),
                        attributes.toString(), g));
            }
            out.add(new LayerData(layer, features));
        }
        return out;
    }

    private List<Project> readProjects() {
        JsonNode collection = readJson("/demo/projects.geojson.gz", true);
        GeoJsonReader reader = new GeoJsonReader();
        List<Project> out = new ArrayList<>();
        for (JsonNode f : collection.path("features")) {
            Geometry g = reader.read(f);
            GeometryValidator.check(g);
            out.add(ProjectReader.read(f.path("properties"), g));
        }
        return out;
    }

    private static JsonNode readJson(String resource, boolean gzipped) {
        try (InputStream raw = DemoLoader.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("the demo data " + resource + " is missing from the build (data/demo/)");
            }
            try (InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo data " + resource, e);
        }
    }
}
