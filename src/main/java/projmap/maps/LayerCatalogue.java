package projmap.maps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import projmap.geo.BBox;
import projmap.projects.Category;
import projmap.projects.ProjectStatus;
import projmap.projects.ProjectStore;
import projmap.store.ChangeFeed;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * The list of map layers a client can show, each with its titles (zh, en), kind, extent, feature
 * count, style and legend, and the URLs to fetch it. Clients draw their legends and styles from
 * here, so the colours live in one place ({@link Palette}).
 */
public final class LayerCatalogue {
    private final ProjectStore projects;
    private final ZoneStore zones;
    /** Extent and classes of a layer version, by content hash: a whole-layer scan once per version. */
    private final Map<String, LayerSummary> summaries = new java.util.concurrent.ConcurrentHashMap<>();

    private record LayerSummary(ZoneStore.LayerExtent extent, List<ZoneStore.CodeCount> codes) {
    }

    public LayerCatalogue(ProjectStore projects, ZoneStore zones) {
        this.projects = projects;
        this.zones = zones;
    }

    public List<Map<String, Object>> layers() {
        List<Map<String, Object>> out = new ArrayList<>();
        int projectCount = projects.count();
        out.add(projectLayer("projects-status", "项目（按状态）", "Projects by status", "status", statusClasses(), projectCount));
        out.add(projectLayer("projects-category", "项目（按类别）", "Projects by category", "category", categoryClasses(), projectCount));
        out.add(complianceLayer(projectCount));
        int boundaryIndex = 0;
        for (ZoneLayer layer : zones.layers()) {
            out.add(zoneLayer(layer, layer.kind() == ZoneKind.BOUNDARY ? boundaryIndex++ : 0));
        }
        return out;
    }

    private static Map<String, Object> projectLayer(String id, String zh, String en, String property,
                                                    List<Map<String, Object>> classes, int count) {
        Map<String, Object> layer = base(id, zh, en, "projects");
        layer.put("geometryTypes", List.of("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"));
        layer.put("featureCount", count);
        Map<String, Object> style = new LinkedHashMap<>(Map.of("property", property, "strokeWidth", 3, "fillOpacity", 0.5,
                "radius", 6, "classes", classes));
        if (property.equals("category")) {
            style.put("icons", "/api/icons/{category}.svg");
        }
        layer.put("style", style);
        layer.put("legend", classes);
        layer.put("urls", urls("/api/projects", ChangeFeed.PROJECTS));
        layer.put("tileLayer", ChangeFeed.PROJECTS);
        return layer;
    }

    /**
     * Projects coloured by their site-check verdict. The verdicts are not in the project data or
     * the tiles (a check is computed lazily and changes when a planning layer does), so the layer
     * names where to join them from: {@code /api/checks/summary}'s {@code projects[].overall} by id.
     */
    private static Map<String, Object> complianceLayer(int count) {
        Map<String, Object> layer = projectLayer(COMPLIANCE, "项目（按选址检查结论）", "Projects by site-check verdict",
                "verdict", verdictClasses(), count);
        @SuppressWarnings("unchecked")
        Map<String, Object> urls = (Map<String, Object>) layer.get("urls");
        urls.put("verdicts", CHECKS_SUMMARY);
        layer.put("join", Map.of("url", CHECKS_SUMMARY, "list", "projects", "key", "id", "value", "overall",
                "property", "verdict", "missing", UNCHECKED));
        return layer;
    }

    static final String COMPLIANCE = "projects-compliance";
    static final String CHECKS_SUMMARY = "/api/checks/summary";
    /** The class of a project without a stored check (no geometry, or not yet checked). */
    static final String UNCHECKED = "unchecked";

    static List<Map<String, Object>> verdictClasses() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(legendEntry("pass", "通过", "Pass", Palette.verdict("pass")));
        out.add(legendEntry("warn", "需关注", "Warning", Palette.verdict("warn")));
        out.add(legendEntry("fail", "不通过", "Fail", Palette.verdict("fail")));
        out.add(legendEntry(UNCHECKED, "未检查", "Not checked", Palette.verdict(null)));
        return out;
    }

    private Map<String, Object> zoneLayer(ZoneLayer z, int boundaryIndex) {
        Map<String, Object> layer = base(z.id(), z.titleZh(), z.titleEn(), z.kind().code());
        LayerSummary summary = summaries.computeIfAbsent(z.contentHash() + "/" + z.id(),
                k -> new LayerSummary(zones.extent(z.id()).orElseThrow(),
                        z.kind() == ZoneKind.ZONING ? zones.codes(z.id()) : List.of()));
        ZoneStore.LayerExtent extent = summary.extent();
        layer.put("geometryTypes", z.kind() == ZoneKind.ROADS ? List.of("LineString", "MultiLineString")
                : List.of("Polygon", "MultiPolygon"));
        layer.put("featureCount", extent.features());
        layer.put("bounds", extent.bounds() == null ? null : extent.bounds().toArray());
        layer.put("vintage", z.vintage());
        layer.put("source", z.source());
        layer.put("contentHash", z.contentHash());
        Map<String, Object> style = new LinkedHashMap<>();
        List<Map<String, Object>> legend;
        switch (z.kind()) {
            case BOUNDARY -> {
                String colour = Palette.boundary(boundaryIndex);
                style.put("stroke", colour);
                style.put("strokeWidth", 2.5);
                style.put("dashArray", "8 4");
                style.put("fill", null);
                legend = List.of(legendEntry(z.id(), z.titleZh(), z.titleEn(), colour));
            }
            case RESTRICTION -> {
                style.put("fill", Palette.FARMLAND);
                style.put("stroke", Palette.FARMLAND_STROKE);
                style.put("strokeWidth", 0.8);
                style.put("fillOpacity", 0.6);
                legend = List.of(legendEntry(z.id(), z.titleZh(), z.titleEn(), Palette.FARMLAND));
            }
            case ROADS -> {
                // centre lines: a thin grey line, no fill
                style.put("stroke", Palette.ROADS);
                style.put("strokeWidth", 1.5);
                style.put("fill", null);
                legend = List.of(legendEntry(z.id(), z.titleZh(), z.titleEn(), Palette.ROADS));
            }
            default -> {
                style.put("property", "code");
                style.put("stroke", "#666666");
                style.put("strokeWidth", 0.3);
                style.put("fillOpacity", 0.6);
                legend = new ArrayList<>();
                for (ZoneStore.CodeCount c : summary.codes()) {
                    legend.add(legendEntry(c.code(), c.code() + " " + c.name(), c.code(), Palette.landUse(c.code())));
                }
                style.put("classes", legend);
                style.put("note", "colours approximate: GB 50137 defines none (shared/domain/landuse-codes.md)");
            }
        }
        layer.put("style", style);
        layer.put("legend", legend);
        layer.put("urls", urls("/api/zones/" + z.id(), z.id()));
        layer.put("tileLayer", z.id());
        return layer;
    }

    private static Map<String, Object> base(String id, String zh, String en, String kind) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("id", id);
        layer.put("title", Map.of("zh", zh, "en", en));
        layer.put("kind", kind);
        return layer;
    }

    private static Map<String, Object> urls(String geojson, String tileLayer) {
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("geojson", geojson);
        urls.put("tiles", TileService.tilePath(tileLayer));
        urls.put("tilejson", TileService.tileJsonPath(tileLayer));
        urls.put("ogcItems", "/ogc/collections/" + tileLayer + "/items");
        return urls;
    }

    private static List<Map<String, Object>> statusClasses() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProjectStatus s : ProjectStatus.values()) {
            out.add(legendEntry(s.code(), s.zh(), s.en(), Palette.status(s)));
        }
        return out;
    }

    private static List<Map<String, Object>> categoryClasses() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category c : Category.values()) {
            Map<String, Object> e = legendEntry(c.code(), c.zh(), c.en(), Palette.category(c));
            e.put("icon", CategoryIcons.path(c));
            out.add(e);
        }
        return out;
    }

    private static Map<String, Object> legendEntry(String value, String zh, String en, String colour) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("value", value);
        e.put("label", Map.of("zh", zh, "en", en));
        e.put("colour", colour);
        return e;
    }

}
