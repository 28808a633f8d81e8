package projmap.progress;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;

/**
 * Decides whether a project is lagging (滞后) on a given day. Pure: takes the project, its
 * milestones and its latest approved cumulative investment, returns the reasons (none = on track).
 *
 * <p>The rule (DESIGN.md, domain/programme.md §4), configurable through the constructor:
 * <ol>
 *   <li><b>milestone overdue</b>: a milestone's due date has passed and it is not reached;</li>
 *   <li><b>investment behind</b>: the project is under construction, has an annual plan, and its
 *       cumulative investment this year is below the plan curve by more than {@code tolerance}
 *       (a share, default 0.10 = 10 percentage points). The plan curve is straight: by the end of
 *       month m, m/12 of the annual plan. Only complete months count, so on 15 March the curve
 *       stands at 2/12.</li>
 * </ol>
 * Completed and planned projects are never lagging on investment. Thread-safe (immutable).
 */
public final class LaggingRule {
    public static final BigDecimal DEFAULT_TOLERANCE = new BigDecimal("0.10");

    private final BigDecimal tolerance;

    public LaggingRule(BigDecimal tolerance) {
        if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("tolerance must be a share from 0 to 1, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    public static LaggingRule defaults() {
        return new LaggingRule(DEFAULT_TOLERANCE);
    }

    public BigDecimal tolerance() {
        return tolerance;
    }

    /** One reason a project lags, with a message in Chinese and English. */
    public record Reason(String code, String zh, String en) {
    }

    /** The plan curve: the share of the annual plan due by the end of the last complete month before {@code asOf}. */
    public static BigDecimal expectedShare(LocalDate asOf) {
        int completeMonths = asOf.getMonthValue() - 1;
        return BigDecimal.valueOf(completeMonths).divide(BigDecimal.valueOf(12), MathContext.DECIMAL64);
    }

    /**
     * @param cumulativeThisYear the latest approved cumulative investment of {@code asOf}'s year
     *                           (万元), or null to use the project's completed investment
     */
    public List<Reason> reasons(Project project, List<Milestone> milestones, BigDecimal cumulativeThisYear, LocalDate asOf) {
        List<Reason> out = new ArrayList<>();
        for (Milestone m : milestones) {
            long days = m.daysOverdue(asOf);
            if (days > 0) {
                out.add(new Reason("milestone_overdue", "时间节点「" + m.title() + "」已逾期 " + days + " 天",
                        "milestone '" + m.title() + "' is " + days + " days overdue"));
            }
        }
        BigDecimal plan = project.annualPlanInvestment();
        if (project.status() == ProjectStatus.UNDER_CONSTRUCTION && plan != null && plan.signum() > 0) {
            BigDecimal done = cumulativeThisYear != null ? cumulativeThisYear
                    : project.completedInvestment() == null ? BigDecimal.ZERO : project.completedInvestment();
            BigDecimal share = done.divide(plan, MathContext.DECIMAL64);
            BigDecimal expected = expectedShare(asOf);
            if (share.compareTo(expected.subtract(tolerance)) < 0) {
                String have = percent(share);
                String want = percent(expected);
                out.add(new Reason("investment_behind", "完成投资占年度计划 " + have + "，低于进度要求 " + want,
                        "investment at " + have + " of the annual plan, behind the " + want + " due by now"));
            }
        }
        return out;
    }

    static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** The month whose report is due next after {@code asOf}'s previous month (for missing reports). */
    public static YearMonth reportedMonth(LocalDate asOf) {
        return YearMonth.from(asOf).minusMonths(1);
    }
}
