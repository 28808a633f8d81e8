package projmap.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A monthly progress report (月报) of one project: investment completed in the month and
 * cumulatively in the plan year (万元), physical progress in percent, an optional status change,
 * the 形象进度 text and problems. Submitted by the department, approved or rejected by a planner.
 */
public record ProgressReport(long id, long projectId, YearMonth period, BigDecimal investmentMonth,
                             BigDecimal investmentCumulative, int physicalPercent, String newStatus,
                             String progressText, String problems, String state, String submittedBy,
                             Instant submittedAt, String reviewedBy, Instant reviewedAt, String reviewNote,
                             List<Long> photoIds) {
    public static final String SUBMITTED = "submitted";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    /** The same report with the photos it shows (ids of the project's photos). */
    public ProgressReport withPhotos(List<Long> ids) {
        return new ProgressReport(id, projectId, period, investmentMonth, investmentCumulative, physicalPercent, newStatus,
                progressText, problems, state, submittedBy, submittedAt, reviewedBy, reviewedAt, reviewNote, List.copyOf(ids));
    }
}
