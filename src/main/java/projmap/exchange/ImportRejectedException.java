package projmap.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import projmap.http.ApiException;

/**
 * A real (not dry) import in which some records cannot be imported: nothing is stored, and the
 * answer (422) carries the whole report so that the sender can fix every row at once.
 */
public final class ImportRejectedException extends ApiException {
    private final ImportReport report;

    public ImportRejectedException(ImportReport report) {
        super(422, "rows_rejected", report.rejected().size() + " record(s) cannot be imported; nothing was stored."
                + " First: row " + report.rejected().get(0).row() + ": " + report.rejected().get(0).reason(), details(report));
        this.report = report;
    }

    private static Map<String, Object> details(ImportReport report) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("created", report.created());
        d.put("updated", report.updated());
        d.put("rejected", report.rejected());
        d.put("crs", report.crs());
        return d;
    }

    public ImportReport report() {
        return report;
    }
}
