package projmap.exchange;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One record of an incoming file as read, before mapping: its 1-based {@code row} (feature number,
 * or spreadsheet row), its attributes by their header in the file (values are String, Number,
 * Boolean, LocalDate or null), its geometry in the file's own CRS, and {@code problem} when the
 * geometry could not be read (the row is then rejected with that reason).
 */
public record SourceFeature(int row, Map<String, Object> attributes, Geometry geometry, String problem) {
    public static SourceFeature broken(int row, Map<String, Object> attributes, String problem) {
        return new SourceFeature(row, attributes, null, problem);
    }
}
