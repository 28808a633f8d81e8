package projmap.checks;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The limits and tolerances of site checking, with the defaults of DESIGN.md. Read once at start-up
 * as part of {@link projmap.Config} ({@code PROJMAP_CHECK_*} or {@code --check-*}, see README "Site
 * checks"); immutable.
 *
 * @param toleranceM2            a restriction overlap up to this area is not a conflict (default 1 m²)
 * @param toleranceM             the same for a line site, as a length (default 1 m)
 * @param insideShare            a boundary share at or above this is {@code inside} (0.999)
 * @param incompatibleShareLimit an incompatible land-use share above this fails the site (5 %)
 * @param maxAreaKm2             sites larger than this are refused (500 km²)
 * @param maxVertices            sites with more vertices are refused (100,000)
 * @param maxFeaturesListed      restriction features listed per layer at most (the total is always given)
 * @param compatibility          a compatibility matrix file replacing the built-in one, if any
 * @param background             re-check projects in the background after start-up and after each change,
 *                               so the summary is ready when asked for (default on)
 */
public record CheckSettings(double toleranceM2, double toleranceM, double insideShare, double incompatibleShareLimit,
                            double maxAreaKm2, int maxVertices, int maxFeaturesListed, Optional<Path> compatibility,
                            boolean background) {

    public static CheckSettings defaults() {
        return new CheckSettings(1.0, 1.0, 0.999, 0.05, 500, 100_000, 500, Optional.empty(), true);
    }

    public CheckSettings withLimits(double areaKm2, int vertices) {
        return new CheckSettings(toleranceM2, toleranceM, insideShare, incompatibleShareLimit, areaKm2, vertices,
                maxFeaturesListed, compatibility, background);
    }

    public CheckSettings withBackground(boolean on) {
        return new CheckSettings(toleranceM2, toleranceM, insideShare, incompatibleShareLimit, maxAreaKm2, maxVertices,
                maxFeaturesListed, compatibility, on);
    }

    /** For the start-up log. */
    public String describe() {
        return "toleranceM2=" + toleranceM2 + ",toleranceM=" + toleranceM + ",insideShare=" + insideShare
                + ",incompatibleShare=" + incompatibleShareLimit + ",maxAreaKm2=" + maxAreaKm2 + ",maxVertices=" + maxVertices
                + ",matrix=" + compatibility.map(Path::toString).orElse("built-in") + ",background=" + background;
    }
}
