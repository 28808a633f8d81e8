package projmap.zones;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a planning layer means for a site check (see DESIGN.md, "Site-check semantics"): a
 * {@code boundary} a project should lie within, a {@code restriction} it should not take (basic
 * farmland), or {@code zoning} whose land-use codes it should fit. A {@code roads} layer holds road
 * centre lines for tour routes (README "Leadership tours"); it takes no part in site checks.
 */
public enum ZoneKind {
    BOUNDARY("boundary"),
    RESTRICTION("restriction"),
    ZONING("zoning"),
    ROADS("roads");

    private final String code;

    ZoneKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether a site check reads layers of this kind (road centre lines say nothing about a site). */
    public boolean siteCheck() {
        return this != ROADS;
    }

    public static Optional<ZoneKind> byCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
