package projmap.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;
import projmap.testing.Fixtures;

class LaggingRuleTest {
    static final LocalDate JULY_10 = LocalDate.of(2026, 7, 10);

    static Project building(long id, String department, long annualPlan, long completed) {
        Project p = Fixtures.project("L-" + id, "项目" + id, Category.values()[0], ProjectStatus.UNDER_CONSTRUCTION,
                annualPlan * 4, "POINT (114.02 32.98)");
        return new Project(id, p.code(), p.name(), p.category(), p.district(), p.address(), department, p.leader(),
                p.contactName(), p.contactPhone(), p.status(), p.plannedStart(), p.plannedEnd(), p.actualStart(),
                p.actualEnd(), 2026, p.totalInvestment(), BigDecimal.valueOf(annualPlan), BigDecimal.valueOf(completed),
                p.fundingMode(), p.landStatus(), p.landArea(), p.geometry(), 1, Instant.EPOCH, "t", Instant.EPOCH, "t");
    }

    @Test
    void the_plan_curve_counts_complete_months_only() {
        assertThat(LaggingRule.expectedShare(LocalDate.of(2026, 1, 31))).isEqualByComparingTo("0");
        assertThat(LaggingRule.expectedShare(JULY_10)).isEqualByComparingTo(new BigDecimal("0.5"));
    }

    @Test
    void investment_within_the_tolerance_below_the_curve_is_on_track() {
        // by 10 July: 6/12 = 50 % due; 41 % done is within 10 points
        assertThat(LaggingRule.defaults().reasons(building(1, "A", 1000, 410), List.of(), null, JULY_10)).isEmpty();
    }

    @Test
    void investment_further_behind_is_lagging() {
        var reasons = LaggingRule.defaults().reasons(building(1, "A", 1000, 390), List.of(), null, JULY_10);
        assertThat(reasons).extracting(LaggingRule.Reason::code).containsExactly("investment_behind");
        assertThat(reasons.get(0).en()).contains("39.0%").contains("50.0%");
    }

    @Test
    void an_approved_cumulative_figure_wins_over_the_register() {
        assertThat(LaggingRule.defaults().reasons(building(1, "A", 1000, 0), List.of(), new BigDecimal("600"), JULY_10))
                .isEmpty();
    }

    @Test
    void a_tolerance_of_zero_is_strict() {
        assertThat(new LaggingRule(BigDecimal.ZERO).reasons(building(1, "A", 1000, 499), List.of(), null, JULY_10))
                .hasSize(1);
    }

    @Test
    void a_milestone_past_due_and_not_reached_is_lagging_a_reached_one_is_not() {
        Milestone late = new Milestone(1, 1, "start", "开工", LocalDate.of(2026, 7, 1), null);
        Milestone done = new Milestone(2, 1, "land", "用地手续", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 20));
        var reasons = LaggingRule.defaults().reasons(building(1, "A", 1000, 900), List.of(late, done), null, JULY_10);
        assertThat(reasons).extracting(LaggingRule.Reason::code).containsExactly("milestone_overdue");
        assertThat(late.daysOverdue(JULY_10)).isEqualTo(9);
        assertThat(done.daysOverdue(JULY_10)).isZero();
    }

    @Test
    void supervision_lists_missing_reports_with_days_overdue_and_scores_departments() {
        Supervision s = Supervision.defaults();
        Project a = building(1, "A", 1200, 700);
        Project b = building(2, "B", 1200, 0);
        ProgressReport june = new ProgressReport(1, 1, YearMonth.of(2026, 6), BigDecimal.TEN, new BigDecimal("700"), 50,
                null, null, null, ProgressReport.APPROVED, "a", Instant.parse("2026-07-03T02:00:00Z"), "p", null, null, List.of());
        List<ProgressReport> reports = new java.util.ArrayList<>();
        for (int m = 1; m <= 6; m++) {
            reports.add(new ProgressReport(m, 1, YearMonth.of(2026, m), BigDecimal.TEN, BigDecimal.valueOf(100L * m + 100),
                    50, null, null, null, ProgressReport.APPROVED, "a",
                    YearMonth.of(2026, m).plusMonths(1).atDay(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), "p",
                    null, null, List.of()));
        }
        reports.set(5, june);
        var list = s.list(List.of(a, b), List.of(), reports, JULY_10);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).department()).isEqualTo("B");
        assertThat(list.get(0).missingReports()).hasSize(6);
        var june2 = list.get(0).missingReports().get(5);
        assertThat(june2.period()).isEqualTo("2026-06");
        assertThat(june2.dueDate()).isEqualTo(LocalDate.of(2026, 7, 5));
        assertThat(june2.daysOverdue()).isEqualTo(5);
        assertThat(list.get(0).lagging()).hasSize(1);

        var scores = s.scores(List.of(a, b), List.of(), reports, YearMonth.of(2026, 6));
        assertThat(scores.get(0).department()).isEqualTo("A");
        assertThat(scores.get(0).rank()).isEqualTo(1);
        assertThat(scores.get(0).onTimeReportRate()).isEqualTo(1.0);
        assertThat(scores.get(1).onTimeReportRate()).isEqualTo(0.0);
        assertThat(scores.get(0).investmentRate()).isEqualTo(0.5833);
    }
}
