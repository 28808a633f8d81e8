package projmap.maps;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import projmap.geo.BBox;
import projmap.projects.Project;
import projmap.projects.ProjectQuery;
import projmap.projects.ProjectStore;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * Map images and legend images styled as the {@link LayerCatalogue} says: reads the features in
 * the box from the stores and hands them, styled, to {@link MapImageRenderer}. Thread-safe.
 */
public final class MapImageService {
    /** Project names are drawn when at most this many projects are in view; more would overlap. */
    static final int MAX_LABELS = 80;

    private final ProjectStore projects;
    private final ZoneStore zones;
    private final LayerCatalogue catalogue;
    private final Function<Long, String> verdictOf;

    /** Without site checks: the compliance layer draws every project as unchecked. */
    public MapImageService(ProjectStore projects, ZoneStore zones, LayerCatalogue catalogue) {
        this(projects, zones, catalogue, id -> null);
    }

    /** {@code verdictOf} gives a project's site-check verdict code ({@code pass}, …) or null when it has none. */
    public MapImageService(ProjectStore projects, ZoneStore zones, LayerCatalogue catalogue, Function<Long, String> verdictOf) {
        this.projects = projects;
        this.zones = zones;
        this.catalogue = catalogue;
        this.verdictOf = verdictOf;
    }

    /** The catalogue layer ids drawn when a request names none: every planning layer, then projects by status. */
    public List<String> defaultLayers() {
        List<String> out = new ArrayList<>();
        zones.layers().forEach(l -> out.add(l.id()));
        out.add("projects-status");
        return out;
    }

    /** Draws {@code layers} (catalogue ids) in the order: zoning, restrictions, boundaries, projects. */
    public byte[] map(BBox bbox, int width, int height, List<String> layers) {
        List<MapImageRenderer.Item> items = new ArrayList<>();
        List<ZoneLayer> all = zones.layers();
        int boundaryIndex = 0;
        for (ZoneKind kind : new ZoneKind[] {ZoneKind.ZONING, ZoneKind.ROADS, ZoneKind.RESTRICTION, ZoneKind.BOUNDARY}) {
            for (ZoneLayer layer : all) {
                int index = layer.kind() == ZoneKind.BOUNDARY ? boundaryIndex++ : 0;
                if (layer.kind() != kind || !layers.contains(layer.id())) {
                    continue;
                }
                zones.forEachFeature(layer.id(), bbox, f -> items.add(new MapImageRenderer.Item(f.geometry(),
                        zoneStyle(layer.kind(), f.code(), index), null)));
            }
        }
        for (String by : new String[] {"projects-status", "projects-category", LayerCatalogue.COMPLIANCE}) {
            if (layers.contains(by)) {
                List<Project> inView = projects.search(new ProjectQuery(bbox, Set.of(), Set.of(), Set.of(), Set.of(), null, null));
                boolean labels = inView.size() <= MAX_LABELS;
                for (Project p : inView) {
                    if (p.geometry() != null) {
                        String colour = switch (by) {
                            case "projects-status" -> Palette.status(p.status());
                            case "projects-category" -> Palette.category(p.category());
                            default -> Palette.verdict(verdictOf.apply(p.id()));
                        };
                        items.add(new MapImageRenderer.Item(p.geometry(),
                                new MapImageRenderer.Style(colour, 0.5, colour, 3f, null, 6f), labels ? p.name() : null));
                    }
                }
                break;   // one project layer is enough: both show the same features
            }
        }
        return MapImageRenderer.png(bbox, width, height, items);
    }

    static MapImageRenderer.Style zoneStyle(ZoneKind kind, String code, int boundaryIndex) {
        return switch (kind) {
            case BOUNDARY -> new MapImageRenderer.Style(null, 0, Palette.boundary(boundaryIndex), 2.5f, new float[] {8f, 4f}, 0);
            case RESTRICTION -> new MapImageRenderer.Style(Palette.FARMLAND, 0.6, Palette.FARMLAND_STROKE, 0.8f, null, 0);
            case ZONING -> new MapImageRenderer.Style(Palette.landUse(code), 0.6, "#666666", 0.3f, null, 0);
            case ROADS -> new MapImageRenderer.Style(null, 0, Palette.ROADS, 1.5f, null, 0);
        };
    }

    /** The legend of one catalogue layer as a PNG, or empty when there is no such layer. */
    public Optional<byte[]> legend(String layerId) {
        return legend(layerId, MapImageService::legendPng);
    }

    /** The legend of one catalogue layer as SVG, or empty when there is no such layer. */
    public Optional<byte[]> legendSvg(String layerId) {
        return legend(layerId, LegendSvg::svg);
    }

    private interface LegendDrawer {
        byte[] draw(String title, List<Map<String, Object>> entries, boolean line);
    }

    @SuppressWarnings("unchecked")
    private Optional<byte[]> legend(String layerId, LegendDrawer drawer) {
        return catalogue.layers().stream().filter(l -> layerId.equals(l.get("id"))).findFirst().map(layer -> {
            List<Map<String, Object>> entries = (List<Map<String, Object>>) layer.get("legend");
            boolean line = "boundary".equals(layer.get("kind"));
            Map<String, String> title = (Map<String, String>) layer.get("title");
            return drawer.draw(title.get("zh") + " " + title.get("en"), entries, line);
        });
    }

    @SuppressWarnings("unchecked")
    static byte[] legendPng(String title, List<Map<String, Object>> entries, boolean line) {
        int rowHeight = 22;
        int width = 320;
        int height = 34 + rowHeight * entries.size() + 6;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0x22, 0x22, 0x22));
            g.setFont(new Font(MapImageRenderer.LABEL_FONT, Font.BOLD, 13));
            g.drawString(title, 8, 20);
            g.setFont(new Font(MapImageRenderer.LABEL_FONT, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            int y = 34;
            for (Map<String, Object> e : entries) {
                Color c = MapImageRenderer.colour((String) e.get("colour"), 1);
                if (line) {
                    g.setColor(c);
                    g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 4f}, 0f));
                    g.drawLine(8, y + rowHeight / 2, 36, y + rowHeight / 2);
                } else {
                    g.setColor(MapImageRenderer.colour((String) e.get("colour"), 0.8));
                    g.fillRect(8, y + 3, 28, rowHeight - 6);
                    g.setColor(Color.GRAY);
                    g.setStroke(new BasicStroke(0.8f));
                    g.drawRect(8, y + 3, 28, rowHeight - 6);
                }
                Map<String, String> label = (Map<String, String>) e.get("label");
                g.setColor(new Color(0x22, 0x22, 0x22));
                g.drawString(label.get("zh") + "  " + label.get("en"), 44, y + rowHeight / 2 + fm.getAscent() / 2 - 1);
                y += rowHeight;
            }
        } finally {
            g.dispose();
        }
        return MapImageRenderer.encode(image);
    }
}
