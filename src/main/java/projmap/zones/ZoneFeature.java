package projmap.zones;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a planning layer: a boundary polygon, a farmland patch, a land-use parcel.
 * {@code code} is its class or identifier (e.g. GB 50137 code {@code R2}); {@code attributes} is
 * any further properties as a JSON object text (never null; "{}" when none).
 */
public record ZoneFeature(long id, String layerId, String code, String name, String attributes, Geometry geometry) {
}
