package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The report's figures read exactly as {@code String.format} wrote them before (reports stay comparable). */
class FiguresTest {

    @Test
    void fixed_and_grouped_write_what_the_formatter_writes() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 20_000; i++) {
            // shares, areas in mu and m2, distances: from tiny to tens of millions, some negative, some halves
            double v = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(9));
                case 2 -> -random.nextDouble() * 5_000;
                default -> random.nextInt(1_000_000) / 1000.0 + 0.0005;
            };
            for (int decimals = 0; decimals <= 2; decimals++) {
                assertThat(Figures.fixed(v, decimals)).as("%%.%df of %s", decimals, v)
                        .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", v));
                assertThat(Figures.grouped(v, decimals)).as("%%,.%df of %s", decimals, v)
                        .isEqualTo(String.format(Locale.ROOT, "%,." + decimals + "f", v));
            }
        }
    }

    @Test
    void the_figures_planners_read() {
        assertThat(SiteChecker.pct(0.125)).isEqualTo("12.5%");
        assertThat(SiteChecker.pct(1)).isEqualTo("100.0%");
        assertThat(SiteChecker.mu(1234567.125)).isEqualTo("1,234,567.13");
        assertThat(SiteChecker.m2(999.95)).isEqualTo("1,000.0");
        assertThat(SiteChecker.dist(999.4)).isEqualTo("999 m");
        assertThat(SiteChecker.dist(12345.0)).isEqualTo("12.35 km");
        assertThat(Figures.grouped(-1234.5, 1)).isEqualTo("-1,234.5");
        assertThat(Figures.fixed(Double.NaN, 1)).isEqualTo("NaN");
    }
}
