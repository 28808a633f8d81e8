package projmap.checks;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Figures written into reasons and the printed report: fixed decimals, half-up, optionally with
 * thousands separators — what {@code String.format("%,.2f")} gives, without {@link java.util.Formatter},
 * which parses its pattern with a regular expression on every call and was a tenth of the CPU of a
 * whole-programme check (several reasons per project, each with a figure or two).
 */
final class Figures {
    private Figures() {
    }

    /** {@code v} with {@code decimals} places, rounded half-up on its shortest decimal form, as {@code %.nf} does. */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** As {@link #fixed}, with a comma every three digits of the whole part ({@code %,.nf}). */
    static String grouped(double v, int decimals) {
        String plain = fixed(v, decimals);
        int start = plain.startsWith("-") ? 1 : 0;
        int point = plain.indexOf('.');
        int end = point < 0 ? plain.length() : point;
        if (end - start <= 3) {
            return plain;
        }
        StringBuilder out = new StringBuilder(plain.length() + (end - start) / 3);
        out.append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, end, plain.length()).toString();
    }
}
