package projmap.maps;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import projmap.geo.BBox;
import projmap.geo.WebMercator;

/**
 * Draws styled features into a PNG with Java2D, in Web Mercator like the web map, so a printed
 * site report looks like the screen. The box is widened to the image's aspect ratio about its
 * centre (never stretched). Labels use a CJK font when the machine has one (Debian:
 * {@code fonts-noto-cjk}), else the JVM's default, which shows boxes for Chinese.
 *
 * <p>Stateless and thread-safe; each call draws its own image.
 */
public final class MapImageRenderer {
    static {
        // a server has no display; Java2D must not look for one
        System.setProperty("java.awt.headless", "true");
    }

    /** The font family for labels, chosen once: the first installed family that can show Chinese. */
    static final String LABEL_FONT = cjkFamily();

    private MapImageRenderer() {
    }

    /** How one feature is drawn. Colours as {@code #RRGGBB}; null fill or stroke: none. */
    public record Style(String fill, double fillOpacity, String stroke, float strokeWidth, float[] dash, float radius) {
    }

    /** One feature with its style and an optional label. */
    public record Item(Geometry geometry, Style style, String label) {
    }

    /** The box actually drawn: {@code bbox} widened to the image's aspect ratio. */
    public static WebMercator.Box frame(BBox bbox, int width, int height) {
        WebMercator.Box b = WebMercator.fromLonLat(bbox);
        double cx = (b.minX() + b.maxX()) / 2;
        double cy = (b.minY() + b.maxY()) / 2;
        double scale = Math.max(b.width() / width, b.height() / height);
        if (scale <= 0) {
            scale = 1;
        }
        return new WebMercator.Box(cx - scale * width / 2, cy - scale * height / 2, cx + scale * width / 2, cy + scale * height / 2);
    }

    public static byte[] png(BBox bbox, int width, int height, List<Item> items) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            WebMercator.Box frame = frame(bbox, width, height);
            double sx = width / frame.width();
            double sy = height / frame.height();
            for (Item item : items) {
                draw(g, item, frame, sx, sy);
            }
            g.setFont(new Font(LABEL_FONT, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (Item item : items) {
                if (item.label() != null && !item.label().isEmpty()) {
                    Point c = item.geometry().getInteriorPoint();
                    int x = (int) ((WebMercator.x(c.getX()) - frame.minX()) * sx);
                    int y = (int) ((frame.maxY() - WebMercator.y(c.getY())) * sy);
                    int w = fm.stringWidth(item.label());
                    // a white halo keeps the label readable on any fill
                    g.setColor(new Color(255, 255, 255, 200));
                    g.fillRect(x - w / 2 - 2, y - fm.getAscent() - 8, w + 4, fm.getHeight());
                    g.setColor(new Color(0x22, 0x22, 0x22));
                    g.drawString(item.label(), x - w / 2, y - 8);
                }
            }
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, Item item, WebMercator.Box frame, double sx, double sy) {
        Geometry geom = item.geometry();
        Style s = item.style();
        for (int i = 0; i < geom.getNumGeometries(); i++) {
            Geometry part = geom.getGeometryN(i);
            if (part instanceof Point p) {
                double x = (WebMercator.x(p.getX()) - frame.minX()) * sx;
                double y = (frame.maxY() - WebMercator.y(p.getY())) * sy;
                Shape dot = new Ellipse2D.Double(x - s.radius(), y - s.radius(), 2 * s.radius(), 2 * s.radius());
                paint(g, dot, s, true);
            } else if (part instanceof LineString line) {
                Path2D path = new Path2D.Double();
                append(path, line.getCoordinateSequence(), frame, sx, sy, false);
                paint(g, path, s, false);
            } else if (part instanceof Polygon poly) {
                Path2D path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
                append(path, poly.getExteriorRing().getCoordinateSequence(), frame, sx, sy, true);
                for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                    append(path, poly.getInteriorRingN(h).getCoordinateSequence(), frame, sx, sy, true);
                }
                paint(g, path, s, true);
            }
        }
    }

    private static void paint(Graphics2D g, Shape shape, Style s, boolean fillable) {
        if (fillable && s.fill() != null) {
            g.setColor(colour(s.fill(), s.fillOpacity()));
            g.fill(shape);
        }
        if (s.stroke() != null && s.strokeWidth() > 0) {
            g.setColor(colour(s.stroke(), 1));
            g.setStroke(s.dash() == null
                    ? new BasicStroke(s.strokeWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                    : new BasicStroke(s.strokeWidth(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, s.dash(), 0f));
            g.draw(shape);
        }
    }

    private static void append(Path2D path, CoordinateSequence seq, WebMercator.Box frame, double sx, double sy, boolean close) {
        for (int i = 0; i < seq.size(); i++) {
            double x = (WebMercator.x(seq.getX(i)) - frame.minX()) * sx;
            double y = (frame.maxY() - WebMercator.y(seq.getY(i))) * sy;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        if (close) {
            path.closePath();
        }
    }

    static Color colour(String hex, double opacity) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, (int) Math.round(255 * Math.max(0, Math.min(1, opacity))));
    }

    private static String cjkFamily() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        for (String preferred : new String[] {"Noto Sans CJK SC", "Noto Sans SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "AR PL UMing CN", "Source Han Sans SC"}) {
            for (String f : families) {
                if (f.equalsIgnoreCase(preferred)) {
                    return f;
                }
            }
        }
        for (String f : families) {
            if (new Font(f, Font.PLAIN, 12).canDisplayUpTo("建设项目") == -1) {
                return f;
            }
        }
        return Font.SANS_SERIF;
    }

    /** True when labels will show Chinese characters (a CJK font is installed). */
    public static boolean canDrawChinese() {
        return new Font(LABEL_FONT, Font.PLAIN, 12).canDisplayUpTo("建设项目") == -1;
    }

    /** A point of the frame, for tests: lon/lat to pixel. */
    static double[] pixel(WebMercator.Box frame, int width, int height, Coordinate c) {
        return new double[] {(WebMercator.x(c.x) - frame.minX()) * width / frame.width(),
                (frame.maxY() - WebMercator.y(c.y)) * height / frame.height()};
    }
}
