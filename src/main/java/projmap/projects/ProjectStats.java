package projmap.projects;

import java.math.BigDecimal;
import java.util.List;

/**
 * The programme's headline figures and their breakdowns (by category, status, district,
 * department), as a leader reads them: counts, money in 万元, and how many have started (开工) and
 * completed (竣工).
 */
public record ProjectStats(int projects, BigDecimal totalInvestment, BigDecimal annualPlanInvestment,
                           BigDecimal completedInvestment, int started, int completed,
                           List<Row> byCategory, List<Row> byStatus, List<Row> byDistrict, List<Row> byDepartment) {

    /** One line of a breakdown; {@code labelZh}/{@code labelEn} name coded keys (categories, statuses). */
    public record Row(String key, String labelZh, String labelEn, int projects, BigDecimal totalInvestment,
                      BigDecimal annualPlanInvestment, BigDecimal completedInvestment, int started, int completed) {
    }
}
