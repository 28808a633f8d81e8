package projmap.maps;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A layer's legend as SVG, the same rows as the PNG ({@link MapImageService#legend}): a swatch (a
 * filled box, or a dashed line for boundaries, or the category's icon) and the label in Chinese
 * and English. Vector, so it prints sharp at any size; text stays text (searchable, selectable).
 */
final class LegendSvg {
    static final int ROW = 22;
    static final int WIDTH = 320;

    private LegendSvg() {
    }

    @SuppressWarnings("unchecked")
    static byte[] svg(String title, List<Map<String, Object>> entries, boolean line) {
        int height = 34 + ROW * entries.size() + 6;
        // wide enough for the longest row: no font metrics in SVG, so estimate (CJK ~1 em, Latin ~0.55 em)
        int width = Math.max(WIDTH, 8 + textWidth(title, 13) + 8);
        for (Map<String, Object> e : entries) {
            Map<String, String> label = (Map<String, String>) e.get("label");
            width = Math.max(width, 44 + textWidth(label.get("zh") + "  " + label.get("en"), 12) + 8);
        }
        StringBuilder s = new StringBuilder(512 + 200 * entries.size());
        s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(height)
                .append("' viewBox='0 0 ").append(width).append(' ').append(height).append("' font-family=\"")
                .append(escape(MapImageRenderer.LABEL_FONT)).append(", 'Noto Sans CJK SC', sans-serif\">");
        s.append("<title>").append(escape(title)).append("</title>");
        s.append("<rect width='100%' height='100%' fill='#fff'/>");
        s.append("<text x='8' y='20' font-size='13' font-weight='bold' fill='#222'>").append(escape(title)).append("</text>");
        int y = 34;
        for (Map<String, Object> e : entries) {
            String colour = escape((String) e.get("colour"));
            String category = e.get("icon") == null ? null : (String) e.get("value");
            int mid = y + ROW / 2;
            if (category != null && CategoryIcons.svg(category).isPresent()) {
                String icon = new String(CategoryIcons.svg(category).get(), StandardCharsets.UTF_8);
                // the icon as a nested <svg>, placed and scaled by its own x/y/width/height
                s.append(icon.replaceFirst("width='24' height='24'",
                        String.format(Locale.ROOT, "x='12' y='%d' width='20' height='20'", y + 1)));
            } else if (line) {
                s.append(String.format(Locale.ROOT, "<line x1='8' y1='%d' x2='36' y2='%d' stroke='%s' stroke-width='2.5' stroke-dasharray='8 4'/>",
                        mid, mid, colour));
            } else {
                s.append(String.format(Locale.ROOT, "<rect x='8' y='%d' width='28' height='%d' fill='%s' fill-opacity='0.8' stroke='#808080' stroke-width='0.8'/>",
                        y + 3, ROW - 6, colour));
            }
            Map<String, String> label = (Map<String, String>) e.get("label");
            s.append(String.format(Locale.ROOT, "<text x='44' y='%d' font-size='12' fill='#222'>", mid + 4))
                    .append(escape(label.get("zh"))).append("  ").append(escape(label.get("en"))).append("</text>");
            y += ROW;
        }
        s.append("</svg>");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static int textWidth(String text, int fontSize) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            em += text.charAt(i) > 0x2E80 ? 1.0 : 0.58;
        }
        return (int) Math.ceil(em * fontSize);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
