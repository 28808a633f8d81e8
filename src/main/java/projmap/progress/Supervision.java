package projmap.progress;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;

/**
 * The supervision list (督办) and the department scoreboard (考评), computed in Java from the
 * projects, milestones and reports. Pure; thread-safe.
 *
 * <p><b>Missing report</b>: every project under construction owes a report for each month of the
 * plan year up to the previous month; a month's report is due on day {@code reportDueDay}
 * (default 5) of the following month. Days overdue count from that day.
 *
 * <p><b>Scores</b> for a month M, per department (weights configurable, default 0.4/0.3/0.3):
 * on-time report rate = reports for M submitted by their due day / projects under construction;
 * milestone hit rate = milestones due by the end of M reached on or before their due date / those
 * due; investment rate = Σ latest approved cumulative investment up to M / Σ annual plan, capped at 1.
 * A department with nothing to measure on a criterion scores 1 on it. Ranks by score, ties by name.
 */
public final class Supervision {
    public static final int DEFAULT_REPORT_DUE_DAY = 5;

    private final LaggingRule rule;
    private final int reportDueDay;
    private final double[] weights;

    public Supervision(LaggingRule rule, int reportDueDay, double reportWeight, double milestoneWeight,
                       double investmentWeight) {
        if (reportDueDay < 1 || reportDueDay > 28) {
            throw new IllegalArgumentException("reportDueDay must be 1…28");
        }
        double sum = reportWeight + milestoneWeight + investmentWeight;
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("the weights must add up to 1, got " + sum);
        }
        this.rule = rule;
        this.reportDueDay = reportDueDay;
        this.weights = new double[] {reportWeight, milestoneWeight, investmentWeight};
    }

    public static Supervision defaults() {
        return new Supervision(LaggingRule.defaults(), DEFAULT_REPORT_DUE_DAY, 0.4, 0.3, 0.3);
    }

    public LaggingRule rule() {
        return rule;
    }

    public int reportDueDay() {
        return reportDueDay;
    }

    /** The weights of the score, by criterion. */
    public Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("onTimeReportRate", weights[0]);
        w.put("milestoneHitRate", weights[1]);
        w.put("investmentRate", weights[2]);
        return w;
    }

    public LocalDate dueDate(YearMonth period) {
        return period.plusMonths(1).atDay(reportDueDay);
    }

    public record OverdueMilestone(long projectId, String code, String name, long milestoneId, String milestone,
                                   LocalDate dueDate, long daysOverdue) {
    }

    public record MissingReport(long projectId, String code, String name, String period, LocalDate dueDate,
                                long daysOverdue) {
    }

    public record Lagging(long projectId, String code, String name, List<LaggingRule.Reason> reasons) {
    }

    public record DepartmentList(String department, List<OverdueMilestone> overdueMilestones,
                                 List<MissingReport> missingReports, List<Lagging> lagging) {
        public int items() {
            return overdueMilestones.size() + missingReports.size();
        }
    }

    public record Score(int rank, String department, int projects, double onTimeReportRate, double milestoneHitRate,
                        double investmentRate, double score) {
    }

    /** The supervision list on {@code asOf}: departments with something overdue, most items first. */
    public List<DepartmentList> list(List<Project> projects, List<Milestone> milestones, List<ProgressReport> reports,
                                     LocalDate asOf) {
        Map<Long, List<Milestone>> byProject = group(milestones);
        Map<Long, List<ProgressReport>> reportsByProject = groupReports(reports);
        Map<String, DepartmentList> out = new TreeMap<>();
        for (Project p : projects) {
            String dept = p.department() == null ? "" : p.department();
            DepartmentList d = out.computeIfAbsent(dept, k -> new DepartmentList(k, new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>()));
            List<Milestone> ms = byProject.getOrDefault(p.id(), List.of());
            for (Milestone m : ms) {
                long days = m.daysOverdue(asOf);
                if (days > 0) {
                    d.overdueMilestones().add(new OverdueMilestone(p.id(), p.code(), p.name(), m.id(), m.title(),
                            m.dueDate(), days));
                }
            }
            List<ProgressReport> rs = reportsByProject.getOrDefault(p.id(), List.of());
            if (p.status() == ProjectStatus.UNDER_CONSTRUCTION) {
                YearMonth last = YearMonth.from(asOf).minusMonths(1);
                for (YearMonth m = YearMonth.of(asOf.getYear(), 1); !m.isAfter(last); m = m.plusMonths(1)) {
                    YearMonth month = m;
                    LocalDate due = dueDate(month);
                    boolean present = rs.stream().anyMatch(r -> r.period().equals(month));
                    if (!present && asOf.isAfter(due)) {
                        d.missingReports().add(new MissingReport(p.id(), p.code(), p.name(), month.toString(), due,
                                ChronoUnit.DAYS.between(due, asOf)));
                    }
                }
            }
            List<LaggingRule.Reason> reasons = rule.reasons(p, ms, latestApprovedCumulative(rs, asOf), asOf);
            if (!reasons.isEmpty()) {
                d.lagging().add(new Lagging(p.id(), p.code(), p.name(), reasons));
            }
        }
        return out.values().stream()
                .filter(d -> d.items() > 0 || !d.lagging().isEmpty())
                .sorted(Comparator.comparingInt(DepartmentList::items).reversed().thenComparing(DepartmentList::department))
                .toList();
    }

    /** The scoreboard for month {@code month}, best first. */
    public List<Score> scores(List<Project> projects, List<Milestone> milestones, List<ProgressReport> reports,
                              YearMonth month) {
        Map<Long, List<Milestone>> byProject = group(milestones);
        Map<Long, List<ProgressReport>> reportsByProject = groupReports(reports);
        Map<String, List<Project>> byDept = new TreeMap<>();
        for (Project p : projects) {
            byDept.computeIfAbsent(p.department() == null ? "" : p.department(), k -> new ArrayList<>()).add(p);
        }
        LocalDate due = dueDate(month);
        LocalDate monthEnd = month.atEndOfMonth();
        List<Score> unranked = new ArrayList<>();
        for (var e : byDept.entrySet()) {
            int owed = 0;
            int onTime = 0;
            int milestonesDue = 0;
            int hit = 0;
            BigDecimal plan = BigDecimal.ZERO;
            BigDecimal done = BigDecimal.ZERO;
            for (Project p : e.getValue()) {
                List<ProgressReport> rs = reportsByProject.getOrDefault(p.id(), List.of());
                if (p.status() == ProjectStatus.UNDER_CONSTRUCTION) {
                    owed++;
                    if (rs.stream().anyMatch(r -> r.period().equals(month)
                            && !r.submittedAt().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().isAfter(due))) {
                        onTime++;
                    }
                }
                for (Milestone m : byProject.getOrDefault(p.id(), List.of())) {
                    if (!m.dueDate().isAfter(monthEnd)) {
                        milestonesDue++;
                        if (m.doneDate() != null && !m.doneDate().isAfter(m.dueDate())) {
                            hit++;
                        }
                    }
                }
                if (p.annualPlanInvestment() != null && p.annualPlanInvestment().signum() > 0 && p.status().started()) {
                    plan = plan.add(p.annualPlanInvestment());
                    BigDecimal c = latestApprovedCumulative(rs, monthEnd.plusDays(1));
                    done = done.add(c == null ? BigDecimal.ZERO : c);
                }
            }
            double reportRate = owed == 0 ? 1 : (double) onTime / owed;
            double milestoneRate = milestonesDue == 0 ? 1 : (double) hit / milestonesDue;
            double investmentRate = plan.signum() == 0 ? 1
                    : Math.min(1, done.divide(plan, MathContext.DECIMAL64).doubleValue());
            double score = 100 * (weights[0] * reportRate + weights[1] * milestoneRate + weights[2] * investmentRate);
            unranked.add(new Score(0, e.getKey(), e.getValue().size(), round(reportRate), round(milestoneRate),
                    round(investmentRate), BigDecimal.valueOf(score).setScale(1, RoundingMode.HALF_UP).doubleValue()));
        }
        unranked.sort(Comparator.comparingDouble(Score::score).reversed().thenComparing(Score::department));
        List<Score> ranked = new ArrayList<>();
        for (int i = 0; i < unranked.size(); i++) {
            Score s = unranked.get(i);
            int rank = i > 0 && ranked.get(i - 1).score() == s.score() ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Score(rank, s.department(), s.projects(), s.onTimeReportRate(), s.milestoneHitRate(),
                    s.investmentRate(), s.score()));
        }
        return ranked;
    }

    /** The cumulative figure of the newest approved report of {@code asOf}'s year before {@code asOf}'s month. */
    static BigDecimal latestApprovedCumulative(List<ProgressReport> reports, LocalDate asOf) {
        YearMonth before = YearMonth.from(asOf);
        return reports.stream()
                .filter(r -> ProgressReport.APPROVED.equals(r.state()))
                .filter(r -> r.period().getYear() == before.minusMonths(1).getYear() && r.period().isBefore(before))
                .max(Comparator.comparing(ProgressReport::period))
                .map(ProgressReport::investmentCumulative)
                .orElse(null);
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    private static Map<Long, List<Milestone>> group(List<Milestone> milestones) {
        Map<Long, List<Milestone>> out = new LinkedHashMap<>();
        for (Milestone m : milestones) {
            out.computeIfAbsent(m.projectId(), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    private static Map<Long, List<ProgressReport>> groupReports(List<ProgressReport> reports) {
        Map<Long, List<ProgressReport>> out = new LinkedHashMap<>();
        for (ProgressReport r : reports) {
            out.computeIfAbsent(r.projectId(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }
}
