package projmap.zones;

import java.time.Instant;

/**
 * A planning layer (规划图层): the central urban area, the demonstration zone, basic farmland, land
 * use … {@code contentHash} is the SHA-256 of its features as stored, so that a site report can
 * prove which version of the layer it used.
 */
public record ZoneLayer(String id, String titleZh, String titleEn, ZoneKind kind, String vintage, String source,
                        String contentHash, Instant updatedAt) {
}
