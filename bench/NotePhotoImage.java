import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.*;
import javax.imageio.stream.*;

/**
 * A photo-like test image for the tour note-photo figures (README "Leadership tours"): smooth colour
 * fields, edges and sensor noise at 4032×3024 as a camera writes it (cam.jpg, q 0.92), and its
 * ≤ 1600 px copy as the tablet keeps it (tablet.jpg, q 0.85). Run: java bench/NotePhotoImage.java
 */
public class NotePhotoImage {
    public static void main(String[] a) throws Exception {
        int w = 4032, h = 3024;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double fx = x / (double) w, fy = y / (double) h;
                int base = (int) (110 + 60 * Math.sin(fx * 9 + fy * 4) + 40 * Math.cos(fy * 23));
                int band = ((x / 97 + y / 61) % 7 == 0) ? 50 : 0;
                int n = (int) (r.nextGaussian() * 9);
                int R = clamp(base + band + n + 20), G = clamp(base + n), B = clamp(base - band + n - 25 + (int) (60 * fy));
                img.setRGB(x, y, (R << 16) | (G << 8) | B);
            }
        }
        write(img, "cam.jpg", 0.92f);
        double f = 1600.0 / Math.max(w, h);
        BufferedImage s = new BufferedImage((int) Math.round(w * f), (int) Math.round(h * f), BufferedImage.TYPE_INT_RGB);
        var g = s.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, s.getWidth(), s.getHeight(), null);
        g.dispose();
        write(s, "tablet.jpg", 0.85f);
    }
    static int clamp(int v) { return Math.max(0, Math.min(255, v)); }
    static void write(BufferedImage img, String name, float q) throws Exception {
        ImageWriter wr = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(new File(name))) {
            wr.setOutput(out);
            ImageWriteParam p = wr.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(q);
            wr.write(null, new IIOImage(img, null, null), p);
        }
        wr.dispose();
    }
}
