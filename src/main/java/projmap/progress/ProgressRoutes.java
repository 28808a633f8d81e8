package projmap.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import projmap.auth.AccessControl;
import projmap.auth.AuditLog;
import projmap.http.ApiException;
import projmap.http.Params;
import projmap.projects.Project;
import projmap.projects.ProjectQuery;
import projmap.projects.ProjectReader;
import projmap.projects.ProjectStatus;
import projmap.projects.ProjectStore;

/**
 * Milestones, monthly progress reports (departments submit, planners approve), the supervision
 * list with its CSV export and printable notices, and the department scoreboard, over HTTP.
 * Every change is audited in its own transaction; an approved report updates its project (its
 * completed investment and, if reported, its status) through {@link ProjectStore}, versioned and
 * audited like any edit.
 */
public final class ProgressRoutes {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ProgressStore store;
    private final ProjectStore projects;
    private final AuditLog audit;
    private final Supervision supervision;

    public ProgressRoutes(ProgressStore store, ProjectStore projects, AuditLog audit, Supervision supervision) {
        this.store = store;
        this.projects = projects;
        this.audit = audit;
        this.supervision = supervision;
    }

    // ---- milestones ----------------------------------------------------------------------

    /** {@code GET /api/projects/{id}/milestones} */
    public void milestones(Context ctx) {
        Project p = project(ctx);
        LocalDate today = ProgressStore.today();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Milestone m : store.milestones(p.id())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", m.id());
            row.put("kind", m.kind());
            row.put("title", m.title());
            row.put("dueDate", m.dueDate().toString());
            row.put("doneDate", m.doneDate() == null ? null : m.doneDate().toString());
            row.put("daysOverdue", m.daysOverdue(today));
            out.add(row);
        }
        ctx.json(out);
    }

    /** {@code POST /api/projects/{id}/milestones} {@code {"kind","title","dueDate","doneDate"?}} */
    public void addMilestone(Context ctx) {
        Project p = project(ctx);
        AccessControl.requireDepartment(ctx, p.department());
        Milestone m = readMilestone(body(ctx), 0, p.id());
        String actor = AccessControl.actor(ctx);
        Milestone stored = store.database().inTransaction(c -> {
            Milestone s = store.insertMilestone(c, m, actor);
            audit.record(c, actor, AccessControl.address(ctx), "milestone.create", "project", String.valueOf(p.id()),
                    null, json(s));
            return s;
        });
        ctx.status(201).json(stored);
    }

    /** {@code PUT /api/milestones/{id}} {@code {"kind","title","dueDate","doneDate"}} */
    public void updateMilestone(Context ctx) {
        long id = Params.id(ctx, "id");
        Milestone before = store.milestone(id).orElseThrow(() -> ApiException.notFound("milestone", id));
        Project p = projects.find(before.projectId()).orElseThrow(() -> ApiException.notFound("project", before.projectId()));
        AccessControl.requireDepartment(ctx, p.department());
        Milestone m = readMilestone(body(ctx), id, p.id());
        String actor = AccessControl.actor(ctx);
        Milestone after = store.database().inTransaction(c -> {
            Milestone s = store.updateMilestone(c, m);
            audit.record(c, actor, AccessControl.address(ctx), "milestone.update", "project", String.valueOf(p.id()),
                    json(before), json(s));
            return s;
        });
        ctx.json(after);
    }

    private static Milestone readMilestone(JsonNode b, long id, long projectId) {
        String kind = b.path("kind").asText("other");
        if (!Milestone.KINDS.contains(kind)) {
            throw field("kind", "unknown value '" + kind + "'; expected one of " + String.join(", ", Milestone.KINDS));
        }
        String title = b.path("title").asText("").trim();
        if (title.isEmpty() || title.length() > 200) {
            throw field("title", "1 to 200 characters");
        }
        LocalDate due = date(b, "dueDate", true);
        LocalDate done = date(b, "doneDate", false);
        if (done != null && done.isAfter(ProgressStore.today())) {
            throw field("doneDate", "lies in the future; a milestone is reached when it happens");
        }
        if (due.getYear() < 1990 || due.getYear() > 2100) {
            throw field("dueDate", "expected a year from 1990 to 2100");
        }
        return new Milestone(id, projectId, kind, title, due, done);
    }

    // ---- reports -------------------------------------------------------------------------

    /** {@code GET /api/projects/{id}/reports} */
    public void reports(Context ctx) {
        ctx.json(store.reports(project(ctx).id()));
    }

    /**
     * {@code POST /api/projects/{id}/reports} {@code {"period":"2026-10","investmentMonth","investmentCumulative",
     * "physicalPercent","newStatus"?,"progressText","problems"}}: submits (or resubmits, until approved).
     */
    public void submit(Context ctx) {
        Project p = project(ctx);
        AccessControl.requireDepartment(ctx, p.department());
        JsonNode b = body(ctx);
        YearMonth period;
        try {
            period = YearMonth.parse(b.path("period").asText(""));
        } catch (DateTimeParseException e) {
            throw field("period", "expected a month like 2026-10");
        }
        YearMonth now = YearMonth.from(ProgressStore.today());
        if (period.isAfter(now) || period.isBefore(now.minusYears(3))) {
            throw field("period", "a report covers a month from the last three years up to this month");
        }
        BigDecimal month = money(b, "investmentMonth");
        BigDecimal cumulative = money(b, "investmentCumulative");
        if (cumulative.compareTo(month) < 0) {
            throw field("investmentCumulative", "is less than investmentMonth");
        }
        BigDecimal total = p.totalInvestment();
        if (total != null && total.signum() > 0 && cumulative.compareTo(total) > 0) {
            throw field("investmentCumulative", "exceeds the project's totalInvestment of " + total.toPlainString() + " 万元");
        }
        JsonNode pct = b.path("physicalPercent");
        if (!pct.canConvertToInt() || pct.asInt() < 0 || pct.asInt() > 100) {
            throw field("physicalPercent", "expected a whole number from 0 to 100");
        }
        String newStatus = null;
        if (b.hasNonNull("newStatus")) {
            String s = b.get("newStatus").asText();
            newStatus = ProjectStatus.byCode(s).map(ProjectStatus::code).orElseThrow(() -> field("newStatus",
                    "unknown value '" + s + "'"));
        }
        String text = text(b, "progressText", 2000);
        String problems = text(b, "problems", 2000);
        List<Long> photoIds = photoIds(b, p);
        String actor = AccessControl.actor(ctx);
        ProgressReport draft = new ProgressReport(0, p.id(), period, month, cumulative, pct.asInt(), newStatus, text,
                problems, ProgressReport.SUBMITTED, actor, null, null, null, null, photoIds);
        ProgressReport stored = store.database().inTransaction(c -> {
            var existing = store.report(c, p.id(), period);
            if (existing.isPresent() && ProgressReport.APPROVED.equals(existing.get().state())) {
                throw new ApiException(409, "already_approved", "period: the report for " + period
                        + " is approved already; ask a planner to correct it", Map.of("field", "period"));
            }
            ProgressReport submitted = store.submit(c, draft, Instant.now());
            store.showPhotos(c, submitted, photoIds);
            ProgressReport s = submitted.withPhotos(photoIds);
            audit.record(c, actor, AccessControl.address(ctx), "report.submit", "project", String.valueOf(p.id()),
                    existing.map(ProgressRoutes::json).orElse(null), json(s));
            return s;
        });
        ctx.status(201).json(stored);
    }

    /** {@code photoIds}: optional, the project's photos (uploaded before) the report shows; at most 20. */
    private List<Long> photoIds(JsonNode b, Project p) {
        JsonNode ids = b.path("photoIds");
        if (ids.isMissingNode() || ids.isNull()) {
            return List.of();
        }
        if (!ids.isArray() || ids.size() > 20) {
            throw field("photoIds", "expected a list of at most 20 photo ids of this project");
        }
        List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).canConvertToLong() || ids.get(i).asLong() <= 0) {
                throw field("photoIds", "photoIds[" + i + "]: expected a photo id, got " + ids.get(i));
            }
            if (!out.contains(ids.get(i).asLong())) {
                out.add(ids.get(i).asLong());
            }
        }
        List<Long> foreign = store.notPhotosOf(p.id(), out);
        if (!foreign.isEmpty()) {
            throw field("photoIds", "photoIds[" + out.indexOf(foreign.get(0)) + "]: " + foreign.get(0)
                    + " is not a photo of project " + p.code());
        }
        return out;
    }

    /** {@code POST /api/reports/{id}/approve}: planners; the project takes the reported figures. */
    public void approve(Context ctx) {
        review(ctx, ProgressReport.APPROVED);
    }

    /** {@code POST /api/reports/{id}/reject} {@code {"note"}}: planners; the department resubmits. */
    public void reject(Context ctx) {
        review(ctx, ProgressReport.REJECTED);
    }

    private void review(Context ctx, String state) {
        long id = Params.id(ctx, "id");
        JsonNode b = ctx.body().isBlank() ? JSON.createObjectNode() : body(ctx);
        String note = text(b, "note", 1000);
        if (state.equals(ProgressReport.REJECTED) && note == null) {
            throw field("note", "say what the department must correct");
        }
        String actor = AccessControl.actor(ctx);
        ProgressReport reviewed = store.database().inTransaction(c -> {
            ProgressReport r = store.lockReport(c, id).orElseThrow(() -> ApiException.notFound("report", id));
            if (!ProgressReport.SUBMITTED.equals(r.state())) {
                throw new ApiException(409, "not_submitted", "the report is " + r.state() + ", not awaiting review",
                        Map.of("state", r.state()));
            }
            ProgressReport s = store.review(c, id, state, actor, note);
            audit.record(c, actor, AccessControl.address(ctx), "report." + (state.equals(ProgressReport.APPROVED)
                    ? "approve" : "reject"), "project", String.valueOf(r.projectId()), json(r), json(s));
            return s;
        });
        if (state.equals(ProgressReport.APPROVED)) {
            applyToProject(reviewed, actor, AccessControl.address(ctx));
        }
        ctx.json(reviewed);
    }

    /** Carries an approved report's figures into its project, retrying when an edit got in between. */
    private void applyToProject(ProgressReport r, String actor, String address) {
        if (YearMonth.from(ProgressStore.today()).getYear() != r.period().getYear()) {
            return; // last year's report does not change this year's figures
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Project p = projects.find(r.projectId()).orElse(null);
            if (p == null) {
                return;
            }
            ProjectStatus status = r.newStatus() == null ? p.status() : ProjectStatus.byCode(r.newStatus()).orElseThrow();
            Project changed = new Project(p.id(), p.code(), p.name(), p.category(), p.district(), p.address(),
                    p.department(), p.leader(), p.contactName(), p.contactPhone(), status, p.plannedStart(), p.plannedEnd(),
                    p.actualStart(), p.actualEnd(), p.planYear(), p.totalInvestment(), p.annualPlanInvestment(),
                    r.investmentCumulative(), p.fundingMode(), p.landStatus(), p.landArea(), p.geometry(), p.version(),
                    p.createdAt(), p.createdBy(), p.updatedAt(), p.updatedBy());
            try {
                projects.update(p.id(), p.version(), changed, actor, (c, before, after) -> audit.record(c, actor, address,
                        "project.update", "project", String.valueOf(p.id()),
                        new String(projmap.projects.ProjectGeoJson.feature(before), StandardCharsets.UTF_8),
                        new String(projmap.projects.ProjectGeoJson.feature(after), StandardCharsets.UTF_8)));
                return;
            } catch (ProjectStore.VersionConflictException e) {
                // someone edited the project meanwhile: read it again and re-apply
            }
        }
        throw new ApiException(409, "busy", "the project kept changing; approve again", Map.of());
    }

    // ---- supervision and scores ----------------------------------------------------------

    /** {@code GET /api/supervision?asOf=YYYY-MM-DD&department=} */
    public void supervisionList(Context ctx) {
        LocalDate asOf = asOf(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("asOf", asOf.toString());
        out.put("rule", Map.of("toleranceShare", supervision.rule().tolerance(), "reportDueDay", supervision.reportDueDay()));
        out.put("departments", list(ctx, asOf));
        ctx.json(out);
    }

    private List<Supervision.DepartmentList> list(Context ctx, LocalDate asOf) {
        List<Project> all = projects.search(ProjectQuery.ALL);
        String department = ctx.queryParam("department");
        return supervision.list(all, store.allMilestones(), store.reportsUpTo(YearMonth.from(asOf)), asOf).stream()
                .filter(d -> department == null || department.isBlank() || d.department().equals(department))
                .toList();
    }

    /** {@code GET /api/supervision.csv?asOf=}: one row per overdue item, UTF-8 with BOM so that Excel reads it. */
    public void supervisionCsv(Context ctx) {
        LocalDate asOf = asOf(ctx);
        StringBuilder sb = new StringBuilder("\uFEFF");
        sb.append("责任单位 department,类型 kind,项目编号 code,项目名称 name,事项 item,应完成日期 due,逾期天数 days overdue\r\n");
        for (Supervision.DepartmentList d : list(ctx, asOf)) {
            for (var m : d.overdueMilestones()) {
                row(sb, d.department(), "时间节点逾期 milestone", m.code(), m.name(), m.milestone(), m.dueDate().toString(),
                        String.valueOf(m.daysOverdue()));
            }
            for (var r : d.missingReports()) {
                row(sb, d.department(), "月报未报 report missing", r.code(), r.name(), r.period(), r.dueDate().toString(),
                        String.valueOf(r.daysOverdue()));
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"supervision-" + asOf + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(sb.toString());
    }

    /** {@code GET /supervision/notice?department=&asOf=}: a printable urging notice (催办通知) for one department. */
    public void notice(Context ctx) {
        LocalDate asOf = asOf(ctx);
        String department = ctx.queryParam("department");
        if (department == null || department.isBlank()) {
            throw ApiException.badParameter("department", "name the department");
        }
        Supervision.DepartmentList d = list(ctx, asOf).stream().filter(x -> x.department().equals(department)).findFirst()
                .orElse(new Supervision.DepartmentList(department, List.of(), List.of(), List.of()));
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>催办通知</title>")
                .append("<style>body{font-family:serif;max-width:48rem;margin:2rem auto}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #000;padding:.3rem}@media print{button{display:none}}</style></head><body>")
                .append("<h1>催办通知</h1><p>").append(esc(department)).append("：</p>")
                .append("<p>截至 ").append(asOf).append("，贵单位负责的下列事项已逾期，请抓紧办理并及时报送进度。</p>")
                .append("<table><thead><tr><th scope=\"col\">项目编号</th><th scope=\"col\">项目名称</th><th scope=\"col\">事项</th>")
                .append("<th scope=\"col\">应完成日期</th><th scope=\"col\">逾期天数</th></tr></thead><tbody>");
        for (var m : d.overdueMilestones()) {
            h.append("<tr><td>").append(esc(m.code())).append("</td><td>").append(esc(m.name())).append("</td><td>时间节点：")
                    .append(esc(m.milestone())).append("</td><td>").append(m.dueDate()).append("</td><td>")
                    .append(m.daysOverdue()).append("</td></tr>");
        }
        for (var r : d.missingReports()) {
            h.append("<tr><td>").append(esc(r.code())).append("</td><td>").append(esc(r.name())).append("</td><td>")
                    .append(esc(r.period())).append(" 月报未报送</td><td>").append(r.dueDate()).append("</td><td>")
                    .append(r.daysOverdue()).append("</td></tr>");
        }
        if (d.items() == 0) {
            h.append("<tr><td colspan=\"5\">无逾期事项</td></tr>");
        }
        h.append("</tbody></table><p style=\"text-align:right\">市百城建设提质工程工作领导小组办公室<br>").append(asOf)
                .append("</p></body></html>");
        // department names come from users' input: escaped above, and no script may run here at all
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ctx.contentType("text/html; charset=utf-8").result(h.toString());
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** {@code GET /api/supervision.xlsx?asOf=&department=} */
    public void supervisionXlsx(Context ctx) {
        LocalDate asOf = asOf(ctx);
        ctx.header("Content-Disposition", "attachment; filename=\"supervision-" + asOf + ".xlsx\"");
        ctx.contentType(XLSX).result(MonthlyReportWriter.supervision(list(ctx, asOf), asOf));
    }

    /** {@code GET /api/reports/monthly.xlsx?month=YYYY-MM}: the provincial monthly report. */
    public void monthlyXlsx(Context ctx) {
        YearMonth month = month(ctx);
        byte[] xlsx = MonthlyReportWriter.monthly(projects.search(ProjectQuery.ALL), store.reportsUpTo(month), month);
        ctx.header("Content-Disposition", "attachment; filename=\"monthly-" + month + ".xlsx\"");
        ctx.contentType(XLSX).result(xlsx);
    }

    private static YearMonth month(Context ctx) {
        String m = ctx.queryParam("month");
        try {
            return m == null || m.isBlank() ? YearMonth.from(ProgressStore.today()).minusMonths(1) : YearMonth.parse(m.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("month", "expected a month like 2026-10");
        }
    }

    /** {@code GET /api/scores?month=YYYY-MM}: the department scoreboard of a month, best first. */
    public void scores(Context ctx) {
        YearMonth month = month(ctx);
        List<Project> all = projects.search(ProjectQuery.ALL);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("month", month.toString());
        out.put("weights", supervision.weights());
        out.put("departments", supervision.scores(all, store.allMilestones(), store.reportsUpTo(month.plusMonths(1)), month));
        ctx.json(out);
    }

    // ---- helpers -------------------------------------------------------------------------

    private Project project(Context ctx) {
        long id = Params.id(ctx, "id");
        return projects.find(id).orElseThrow(() -> ApiException.notFound("project", id));
    }

    private static LocalDate asOf(Context ctx) {
        String v = ctx.queryParam("asOf");
        if (v == null || v.isBlank()) {
            return ProgressStore.today();
        }
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("asOf", "expected a date like 2026-11-05");
        }
    }

    private static void row(StringBuilder sb, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells[i] == null ? "" : cells[i];
            // a cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection)
            if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0) {
                c = "'" + c;
            }
            sb.append('"').append(c.replace("\"", "\"\"")).append('"');
        }
        sb.append("\r\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static ApiException field(String field, String message) {
        return new ApiException(400, "invalid_field", field + ": " + message, Map.of("field", field));
    }

    private static LocalDate date(JsonNode b, String f, boolean required) {
        JsonNode v = b.get(f);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) {
                throw field(f, "is required");
            }
            return null;
        }
        try {
            return LocalDate.parse(v.asText().trim());
        } catch (DateTimeParseException e) {
            throw field(f, "expected an ISO-8601 date like 2026-05-15");
        }
    }

    private static BigDecimal money(JsonNode b, String f) {
        JsonNode v = b.get(f);
        if (v == null || !v.isNumber()) {
            throw field(f, "expected a number in 万元");
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() < 0) {
            throw field(f, "must not be negative");
        }
        if (d.compareTo(ProjectReader.ABSURD_WAN) > 0) {
            throw field(f, "more than " + ProjectReader.ABSURD_WAN.toPlainString() + " 万元; figures are in 万元");
        }
        return d;
    }

    private static String text(JsonNode b, String f, int max) {
        JsonNode v = b.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText().trim();
        if (s.length() > max) {
            throw field(f, "longer than " + max + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new ApiException(400, "invalid_json", "a JSON object is expected", Map.of());
            }
            return n;
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "the request body is not valid JSON", Map.of());
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
