package projmap.maps;

import java.util.Map;
import projmap.projects.Category;
import projmap.projects.ProjectStatus;

/**
 * The map colours, in one place.
 *
 * <p>Project status uses the Okabe–Ito palette, which stays distinguishable for the common forms
 * of colour-blindness. Land use follows the conventional planning colours of
 * shared/domain/landuse-codes.md (GB 50137 classes mapped to the published 用地用海 palette;
 * approximate, since GB 50137 defines no colours): residential yellow, public services
 * magenta/pink, commercial red, industry brown, warehousing purple, transport grey, utilities
 * teal, green space green, water blue.
 */
public final class Palette {
    private Palette() {
    }

    public static String status(ProjectStatus s) {
        return switch (s) {
            case PLANNED -> "#999999";            // grey
            case PREPARING -> "#56B4E9";          // sky blue
            case UNDER_CONSTRUCTION -> "#E69F00"; // orange
            case COMPLETED -> "#009E73";          // bluish green
            case SUSPENDED -> "#D55E00";          // vermillion
        };
    }

    private static final Map<Category, String> CATEGORY = Map.ofEntries(
            Map.entry(Category.ROADS, "#4E79A7"),
            Map.entry(Category.WATER_SYSTEM, "#1F9BD7"),
            Map.entry(Category.PARKS, "#59A14F"),
            Map.entry(Category.SANITATION, "#9C755F"),
            Map.entry(Category.PIPELINES, "#76B7B2"),
            Map.entry(Category.SPONGE_CITY, "#2E86AB"),
            Map.entry(Category.RENEWAL, "#F28E2B"),
            Map.entry(Category.PUBLIC_SERVICES, "#E15759"),
            Map.entry(Category.STREETSCAPE, "#B07AA1"),
            Map.entry(Category.TRANSPORT_HUBS, "#7F7F7F"),
            Map.entry(Category.HERITAGE, "#EDC948"));

    public static String category(Category c) {
        return CATEGORY.get(c);
    }

    /** Fill colour of a GB 50137 land-use code (mid or small class), by its most specific known prefix. */
    public static String landUse(String code) {
        if (code == null || code.isEmpty()) {
            return "#EEEEEE";
        }
        String c = code.toUpperCase();
        if (c.startsWith("A3")) {
            return "#FF85C9";
        }
        if (c.startsWith("A5")) {
            return "#FF7F7E";
        }
        if (c.startsWith("G1")) {
            return "#00FF00";
        }
        if (c.startsWith("G2")) {
            return "#148D4A";
        }
        if (c.startsWith("G3")) {
            return "#ACFFCF";
        }
        if (c.startsWith("E1")) {
            return "#338EC0";
        }
        if (c.startsWith("E2")) {
            return "#F5F8DC";
        }
        return switch (c.charAt(0)) {
            case 'R' -> "#FFFF2D";
            case 'A' -> "#FF00FF";
            case 'B' -> "#FF0000";
            case 'M' -> "#BB9674";
            case 'W' -> "#8761D3";
            case 'S' -> "#A3A3A3";
            case 'U' -> "#006380";
            case 'G' -> "#00FF00";
            case 'E' -> "#F5F8DC";
            default -> "#EEEEEE";
        };
    }

    /**
     * Site-check verdicts, Okabe–Ito again (blue / yellow / vermillion stay apart for the common
     * colour-blindnesses, unlike a green–red traffic light); unchecked grey.
     */
    public static String verdict(String overall) {
        if (overall == null) {
            return "#999999";
        }
        return switch (overall) {
            case "pass" -> "#0072B2";   // blue
            case "warn" -> "#F0E442";   // yellow
            case "fail" -> "#D55E00";   // vermillion
            default -> "#999999";
        };
    }

    public static final String FARMLAND = "#C8E6A0";
    public static final String FARMLAND_STROKE = "#5B8C2A";
    /** Road centre lines (a roads layer for tour routes): a quiet grey under everything else. */
    public static final String ROADS = "#8A8A8A";

    /** Boundary outlines: dark, dashed in the style, distinct per layer. */
    public static String boundary(int index) {
        String[] colours = {"#C0392B", "#8E44AD", "#2C3E50", "#16A085"};
        return colours[Math.floorMod(index, colours.length)];
    }
}
