package projmap.exchange;

import java.util.List;

/**
 * The answer of an import: how many records were (or, in a dry run, would be) created and
 * updated, and every rejected record with its row and reason. {@code crs} says how the coordinates
 * were read ({@code EPSG:4547 (.prj)}); {@code layer}/{@code vintage} are set for zone imports.
 */
public record ImportReport(boolean dryRun, String format, String crs, String encoding, int created, int updated,
                           List<Rejection> rejected, String layer, Integer archivedVintage) {

    /** One record that cannot be imported, by its 1-based row in the file. */
    public record Rejection(int row, String reason) {
    }
}
