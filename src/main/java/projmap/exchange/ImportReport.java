package projmap.exchange;

import java.util.List;

/**
 * The answer of an import: how many records were (or, in a dry run, would be) created and
 * updated, and every rejected record with its row and reason. {@code crs} says how the coordinates
 * were read ({@code EPSG:4547 (.prj)}); {@code layer}/{@code vintage} are set for zone imports.
 * {@code otherColumns} are the file's columns that map to no field: kept with each record as its
 * other attributes (其他属性). {@code sheet}/{@code sheets}: the workbook sheet read and all of them.
 */
public record ImportReport(boolean dryRun, String format, String crs, String encoding, int created, int updated,
                           List<Rejection> rejected, String layer, Integer archivedVintage, List<String> otherColumns,
                           String sheet, List<String> sheets) {

    /** One record that cannot be imported, by its 1-based row in the file. */
    public record Rejection(int row, String reason) {
    }
}
