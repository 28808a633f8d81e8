package projmap.progress;

import java.math.BigDecimal;

/**
 * The configurable parts of the lagging rule and the scoreboard (README "Progress and
 * supervision"): how far investment may fall behind the plan curve, the day of the following month
 * a monthly report is due, and the score weights of on-time reports, milestones hit and investment
 * completed. Read by {@code projmap.Config} from the environment or flags.
 */
public record ProgressSettings(BigDecimal laggingTolerance, int reportDueDay, double reportWeight,
                               double milestoneWeight, double investmentWeight) {

    public static ProgressSettings defaults() {
        return new ProgressSettings(LaggingRule.DEFAULT_TOLERANCE, Supervision.DEFAULT_REPORT_DUE_DAY, 0.4, 0.3, 0.3);
    }

    /** The supervision list and scoreboard with these settings. */
    public Supervision supervision() {
        return new Supervision(new LaggingRule(laggingTolerance), reportDueDay, reportWeight, milestoneWeight,
                investmentWeight);
    }

    /** The weights as the flag writes them: {@code reports,milestones,investment}. */
    public String weightsText() {
        return reportWeight + "," + milestoneWeight + "," + investmentWeight;
    }
}
