package projmap.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import projmap.checks.SiteReport.LayerVersion;
import projmap.checks.SiteReport.Reason;
import projmap.checks.Verdicts.Overall;
import projmap.geo.GeodesicMeasure;
import projmap.projects.Category;
import projmap.projects.Project;

/**
 * The whole-programme views of the stored checks: the compliance summary
 * ({@code GET /api/checks/summary}) and the change report ({@code GET /api/checks/changes}).
 * Stateless; thread-safe.
 */
final class Summaries {
    private Summaries() {
    }

    /** Which projects the summary shows; empty sets mean all. */
    record Filter(Set<Overall> verdicts, Set<Category> categories, Set<String> districts) {
        boolean accepts(Project p, String overall) {
            return (categories.isEmpty() || categories.contains(p.category()))
                    && (districts.isEmpty() || districts.contains(p.district()))
                    && (verdicts.isEmpty() || verdicts.stream().anyMatch(v -> v.code().equals(overall)));
        }
    }

    record Summary(Instant generatedAt, List<LayerVersion> layers, Totals totals, List<Row> projects) {
    }

    record Totals(int projects, int pass, int warn, int fail, int unchecked, double restrictedAreaM2,
                  double restrictedAreaMu) {
    }

    /** One project's line: its verdict, key figures, the reasons that decide the verdict, and its report. */
    record Row(long id, String code, String name, String category, String district, String status, String overall,
               String geometryType, Double areaM2, Double lengthM, Double restrictedAreaM2, Double restrictedAreaMu,
               Double incompatibleShare, Map<String, String> boundaries, List<Reason> reasons, Instant checkedAt,
               String report, String problem) {
    }

    static Summary summary(List<CheckService.ProjectCheck> checks, List<LayerVersion> layers, Filter filter,
                           Function<CheckStore.StoredCheck, ReportFacts> factsOf) {
        List<Row> rows = new ArrayList<>();
        int pass = 0;
        int warn = 0;
        int fail = 0;
        int unchecked = 0;
        double restricted = 0;
        for (CheckService.ProjectCheck pc : checks) {
            Project p = pc.project();
            CheckStore.StoredCheck c = pc.check();
            String overall = c == null ? null : c.overall();
            if (!filter.accepts(p, overall)) {
                continue;
            }
            if (c == null) {
                unchecked++;
                rows.add(new Row(p.id(), p.code(), p.name(), p.category().code(), p.district(), p.status().code(), null,
                        null, null, null, null, null, null, Map.of(), List.of(), null, null, pc.problem()));
                continue;
            }
            switch (overall) {
                case "pass" -> pass++;
                case "warn" -> warn++;
                default -> fail++;
            }
            restricted += c.restrictedM2() == null ? 0 : c.restrictedM2();
            ReportFacts facts = factsOf.apply(c);
            List<Reason> reasons = new ArrayList<>();
            for (Reason r : facts.reasons()) {
                if (r.level() != Verdicts.Level.INFO || overall.equals("pass")) {
                    reasons.add(r);
                }
            }
            Map<String, String> boundaries = new LinkedHashMap<>();
            for (String pair : c.boundaries() == null || c.boundaries().isEmpty() ? new String[0] : c.boundaries().split(";")) {
                int eq = pair.indexOf('=');
                boundaries.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            rows.add(new Row(p.id(), p.code(), p.name(), p.category().code(), p.district(), p.status().code(), overall,
                    facts.geometryType(), facts.areaM2(), facts.lengthM(),
                    c.restrictedM2(), c.restrictedM2() == null ? null : SiteChecker.round(c.restrictedM2() / GeodesicMeasure.M2_PER_MU, 4),
                    c.incompatibleShare(), boundaries, reasons, c.checkedAt(), "/api/projects/" + p.id() + "/check", null));
        }
        return new Summary(Instant.now(), layers, new Totals(rows.size(), pass, warn, fail, unchecked,
                SiteChecker.round(restricted, 2), SiteChecker.round(restricted / GeodesicMeasure.M2_PER_MU, 2)), rows);
    }

    record ChangeReport(Instant since, Instant until, List<LayerVersion> layers, List<Reason> statements,
                        List<Transition> transitions, List<ChangeRow> changes) {
    }

    record Transition(String from, String to, int projects) {
    }

    record Before(Object old, Object now) {
    }

    record ChangeRow(long projectId, String code, String name, Instant changedAt, Instant detectedAt, String cause,
                     List<String> changedLayers, Before overall, Before restrictedAreaMu, Before incompatibleShare,
                     Before boundaries) {
    }

    /** Threshold of the "takes more than … mu" statement (0.5 mu, the figure planners ask about). */
    static final double MU_STATEMENT = 0.5;

    static ChangeReport changes(Instant since, List<CheckStore.Change> changes, Map<Long, Project> projects,
                                List<LayerVersion> layers, Map<String, String[]> layerTitles) {
        List<ChangeRow> rows = new ArrayList<>();
        Map<String, Integer> transitions = new LinkedHashMap<>();
        int nowTakes = 0;
        int noLongerTakes = 0;
        int boundaryMoves = 0;
        int moreIncompatible = 0;
        for (CheckStore.Change c : changes) {
            Project p = projects.get(c.projectId());
            if (!c.oldOverall().equals(c.newOverall())) {
                transitions.merge(c.oldOverall() + ">" + c.newOverall(), 1, Integer::sum);
            }
            double oldMu = mu(c.oldRestrictedM2());
            double newMu = mu(c.newRestrictedM2());
            if (newMu > MU_STATEMENT && oldMu <= MU_STATEMENT) {
                nowTakes++;
            }
            if (newMu <= MU_STATEMENT && oldMu > MU_STATEMENT) {
                noLongerTakes++;
            }
            if (!java.util.Objects.equals(c.oldBoundaries(), c.newBoundaries())) {
                boundaryMoves++;
            }
            if (nz(c.newIncompatibleShare()) > nz(c.oldIncompatibleShare()) + 0.001) {
                moreIncompatible++;
            }
            rows.add(new ChangeRow(c.projectId(), p == null ? null : p.code(), p == null ? null : p.name(), c.changedAt(),
                    c.detectedAt(), c.cause(), c.changedLayers() == null || c.changedLayers().isEmpty() ? List.of()
                    : List.of(c.changedLayers().split(",")), new Before(c.oldOverall(), c.newOverall()),
                    new Before(SiteChecker.round(oldMu, 4), SiteChecker.round(newMu, 4)),
                    new Before(c.oldIncompatibleShare(), c.newIncompatibleShare()),
                    new Before(c.oldBoundaries(), c.newBoundaries())));
        }
        String restrictedZh = layerTitles.values().stream().map(t -> t[0]).collect(Collectors.joining("、"));
        String restrictedEn = layerTitles.values().stream().map(t -> t[1].toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        if (restrictedZh.isEmpty()) {
            restrictedZh = "限制用地";
            restrictedEn = "restricted land";
        }
        List<Reason> statements = new ArrayList<>();
        Verdicts.Level info = Verdicts.Level.INFO;
        if (changes.isEmpty()) {
            statements.add(new Reason(info, "自 " + since + " 以来没有项目的核查结果发生变化",
                    "No project's check result has changed since " + since));
        }
        if (nowTakes > 0) {
            statements.add(new Reason(info, nowTakes + " 个项目现占用" + restrictedZh + "超过 " + MU_STATEMENT + " 亩",
                    nowTakes + plural(nowTakes, " project now takes", " projects now take") + " more than "
                            + MU_STATEMENT + " mu of " + restrictedEn));
        }
        if (noLongerTakes > 0) {
            statements.add(new Reason(info, noLongerTakes + " 个项目不再占用" + restrictedZh + "超过 " + MU_STATEMENT + " 亩",
                    noLongerTakes + plural(noLongerTakes, " project no longer takes", " projects no longer take")
                            + " more than " + MU_STATEMENT + " mu of " + restrictedEn));
        }
        List<Transition> ts = new ArrayList<>();
        for (var t : transitions.entrySet()) {
            String[] ft = t.getKey().split(">");
            ts.add(new Transition(ft[0], ft[1], t.getValue()));
            statements.add(new Reason(info, t.getValue() + " 个项目由“" + zh(ft[0]) + "”变为“" + zh(ft[1]) + "”",
                    t.getValue() + plural(t.getValue(), " project went", " projects went") + " from " + ft[0] + " to " + ft[1]));
        }
        if (boundaryMoves > 0) {
            statements.add(new Reason(info, boundaryMoves + " 个项目与规划边界的关系发生变化",
                    boundaryMoves + plural(boundaryMoves, " project changed", " projects changed") + " position against a planning boundary"));
        }
        if (moreIncompatible > 0) {
            statements.add(new Reason(info, moreIncompatible + " 个项目的不兼容用地比例上升",
                    moreIncompatible + plural(moreIncompatible, " project has", " projects have") + " a larger incompatible land-use share"));
        }
        return new ChangeReport(since, Instant.now(), layers, statements, ts, rows);
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }

    private static String zh(String overall) {
        return switch (overall) {
            case "pass" -> "通过";
            case "warn" -> "需关注";
            default -> "不通过";
        };
    }

    private static double mu(Double m2) {
        return nz(m2) / GeodesicMeasure.M2_PER_MU;
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }
}
