package projmap.checks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The limits and tolerances of site checking, with the defaults of DESIGN.md. Read once from the
 * environment ({@code PROJMAP_CHECK_*}, see README "Site checks"); immutable.
 *
 * @param toleranceM2            a restriction overlap up to this area is not a conflict (default 1 m²)
 * @param toleranceM             the same for a line site, as a length (default 1 m)
 * @param insideShare            a boundary share at or above this is {@code inside} (0.999)
 * @param incompatibleShareLimit an incompatible land-use share above this fails the site (5 %)
 * @param maxAreaKm2             sites larger than this are refused (500 km²)
 * @param maxVertices            sites with more vertices are refused (100,000)
 * @param maxFeaturesListed      restriction features listed per layer at most (the total is always given)
 * @param compatibility          a compatibility matrix file replacing the built-in one, if any
 */
public record CheckSettings(double toleranceM2, double toleranceM, double insideShare, double incompatibleShareLimit,
                            double maxAreaKm2, int maxVertices, int maxFeaturesListed, Optional<Path> compatibility) {

    public static CheckSettings defaults() {
        return new CheckSettings(1.0, 1.0, 0.999, 0.05, 500, 100_000, 500, Optional.empty());
    }

    /** The defaults, overridden by {@code PROJMAP_CHECK_MAX_AREA_KM2}, {@code …_MAX_VERTICES},
     *  {@code …_TOLERANCE_M2}, {@code …_COMPATIBILITY}; a malformed value names the variable. */
    public static CheckSettings fromEnvironment(Map<String, String> env) {
        CheckSettings d = defaults();
        return new CheckSettings(
                number(env, "PROJMAP_CHECK_TOLERANCE_M2", d.toleranceM2()),
                d.toleranceM(), d.insideShare(), d.incompatibleShareLimit(),
                number(env, "PROJMAP_CHECK_MAX_AREA_KM2", d.maxAreaKm2()),
                (int) number(env, "PROJMAP_CHECK_MAX_VERTICES", d.maxVertices()),
                d.maxFeaturesListed(),
                Optional.ofNullable(env.get("PROJMAP_CHECK_COMPATIBILITY")).filter(s -> !s.isBlank()).map(Path::of));
    }

    public CheckSettings withLimits(double areaKm2, int vertices) {
        return new CheckSettings(toleranceM2, toleranceM, insideShare, incompatibleShareLimit, areaKm2, vertices,
                maxFeaturesListed, compatibility);
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": expected a positive number, got '" + v + "'");
    }
}
