package projmap.checks;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import projmap.projects.Category;

/**
 * A site ready to be checked: a valid lon/lat geometry (SRID 4326), the project category when known,
 * the CRS it was given in, whether it was repaired, and notes about its preparation for the report.
 */
public record SiteInput(Geometry geometry, Category category, String inputCrs, boolean repaired,
                        List<SiteReport.Reason> notes) {
    public SiteInput {
        notes = List.copyOf(notes);
    }

    public static SiteInput of(Geometry geometry, Category category) {
        return new SiteInput(geometry, category, "EPSG:4326", false, List.of());
    }
}
