package projmap.maps;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import projmap.projects.Category;

/**
 * One small pictogram per project category, as SVG: a white glyph on a disc of the category's
 * colour ({@link Palette#category}), 24 × 24 units, so that a marker reads at a glance on a map and
 * in a legend. Drawn by hand from basic shapes (no icon font: the app works on a closed network).
 */
final class CategoryIcons {
    private CategoryIcons() {
    }

    /** The glyph of each category, drawn in white on the 24 × 24 disc. */
    private static final Map<Category, String> GLYPHS = Map.ofEntries(
            // a road in perspective with a dashed centre line
            Map.entry(Category.ROADS, "<path d='M9 5h2l-1.5 14h-3zM13 5h2l2.5 14h-3z'/><path d='M12 6v2M12 10v2M12 14v3' stroke='#fff' stroke-width='1.2'/>"),
            // a water drop
            Map.entry(Category.WATER_SYSTEM, "<path d='M12 4c3 4.5 5 7.2 5 9.8a5 5 0 0 1-10 0C7 11.2 9 8.5 12 4z'/>"),
            // a tree
            Map.entry(Category.PARKS, "<circle cx='12' cy='10' r='5'/><rect x='11' y='13' width='2' height='7'/>"),
            // a waste bin
            Map.entry(Category.SANITATION, "<rect x='7' y='6' width='10' height='2'/><rect x='10' y='4.5' width='4' height='1.5'/><path d='M8 9h8l-1 10H9z'/>"),
            // a pipe with a joint
            Map.entry(Category.PIPELINES, "<rect x='4' y='10' width='16' height='4'/><rect x='10' y='8' width='4' height='8'/>"),
            // a drop over a grid of paving
            Map.entry(Category.SPONGE_CITY, "<path d='M12 4c2 3 3.5 4.8 3.5 6.5a3.5 3.5 0 0 1-7 0C8.5 8.8 10 7 12 4z'/><rect x='5' y='16' width='6' height='3'/><rect x='13' y='16' width='6' height='3'/>"),
            // a house
            Map.entry(Category.RENEWAL, "<path d='M12 4l8 7h-2.5v8h-11v-8H4z'/>"),
            // a building with a cross
            Map.entry(Category.PUBLIC_SERVICES, "<rect x='6' y='6' width='12' height='13'/><path d='M11 8h2v3h3v2h-3v3h-2v-3H8v-2h3z' fill='currentColor'/>"),
            // a street lamp
            Map.entry(Category.STREETSCAPE, "<rect x='11' y='7' width='2' height='13'/><path d='M8 5h8l-2 3h-4z'/><circle cx='12' cy='9.5' r='1.5'/>"),
            // a bus
            Map.entry(Category.TRANSPORT_HUBS, "<rect x='6' y='5' width='12' height='12' rx='2'/><rect x='7.5' y='7' width='9' height='4' fill='currentColor'/><circle cx='9' cy='18.5' r='1.5'/><circle cx='15' cy='18.5' r='1.5'/>"),
            // a pavilion roof on columns
            Map.entry(Category.HERITAGE, "<path d='M3 10c3 0 6-2 9-5 3 3 6 5 9 5z'/><rect x='7' y='11' width='2' height='8'/><rect x='15' y='11' width='2' height='8'/><rect x='5' y='18' width='14' height='2'/>"));

    /** The icon of the category with this code, as SVG text; empty for an unknown code. */
    static Optional<byte[]> svg(String categoryCode) {
        return Category.byCode(categoryCode).map(c -> {
            String colour = Palette.category(c);
            // currentColor = the disc's colour, for cut-outs inside a white glyph
            String svg = "<svg xmlns='http://www.w3.org/2000/svg' width='24' height='24' viewBox='0 0 24 24' color='" + colour + "'>"
                    + "<title>" + LegendSvg.escape(c.zh() + " " + c.en()) + "</title>"
                    + "<circle cx='12' cy='12' r='11.5' fill='" + colour + "' stroke='#fff' stroke-width='1'/>"
                    + "<g fill='#fff'>" + GLYPHS.get(c) + "</g></svg>";
            return svg.getBytes(StandardCharsets.UTF_8);
        });
    }

    /** Where the icon of a category is served. */
    static String path(Category c) {
        return "/api/icons/" + c.code() + ".svg";
    }
}
