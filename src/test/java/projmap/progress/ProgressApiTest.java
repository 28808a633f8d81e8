package projmap.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/** Milestones, monthly reports and their review, supervision and scores over HTTP, on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressApiTest {
    static final String PASSWORD = "correct horse battery";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final YearMonth LAST_MONTH = YearMonth.from(TODAY).minusMonths(1);

    @Parameter
    StoreKind kind;

    TestServer server;
    TestSession admin;
    TestSession planner;
    TestSession housing;
    TestSession urban;
    long housingProject;
    long urbanProject;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.start(kind, c -> c.withAdminPassword("admin-test-Pa55word"), projmap.auth.AuthFixtureAccess::seed);
        admin = TestSession.login(server, "admin", "admin-test-Pa55word");
        planner = projmap.auth.AuthFixtureAccess.account(server, admin, "planner1", "planner");
        housing = projmap.auth.AuthFixtureAccess.account(server, admin, "housing1", "editor", projmap.auth.AuthFixtureAccess.HOUSING);
        urban = projmap.auth.AuthFixtureAccess.account(server, admin, "urban1", "editor", projmap.auth.AuthFixtureAccess.URBAN);
        for (JsonNode f : server.json("/api/projects").path("features")) {
            String code = f.path("properties").path("code").asText();
            if (code.equals("T-001")) {
                housingProject = f.path("id").asLong();
            } else if (code.equals("T-003")) {
                urbanProject = f.path("id").asLong();
            }
        }
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String report(YearMonth period, double month, double cumulative, int percent) {
        return "{\"period\":\"" + period + "\",\"investmentMonth\":" + month + ",\"investmentCumulative\":" + cumulative
                + ",\"physicalPercent\":" + percent + ",\"progressText\":\"主体结构封顶\",\"problems\":\"<b>拆迁</b>\"}";
    }

    @Test
    void a_department_submits_a_planner_approves_and_the_project_takes_the_figures() {
        HttpResponse<String> submitted = housing.post("/api/projects/" + housingProject + "/reports",
                report(LAST_MONTH, 30, 123.5, 40));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        long reportId = TestServer.parse(submitted.body()).path("id").asLong();
        int versionBefore = server.json("/api/projects/" + housingProject).path("properties").path("version").asInt();

        assertThat(housing.post("/api/reports/" + reportId + "/approve", null).statusCode()).isEqualTo(403);
        HttpResponse<String> approved = planner.post("/api/reports/" + reportId + "/approve", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(TestServer.parse(approved.body()).path("state").asText()).isEqualTo("approved");

        JsonNode p = server.json("/api/projects/" + housingProject).path("properties");
        if (LAST_MONTH.getYear() == TODAY.getYear()) {
            assertThat(p.path("completedInvestment").decimalValue()).isEqualByComparingTo("123.5");
            assertThat(p.path("version").asInt()).isEqualTo(versionBefore + 1);
        }
        assertThat(planner.post("/api/reports/" + reportId + "/approve", null).statusCode()).isEqualTo(409);
        HttpResponse<String> again = housing.post("/api/projects/" + housingProject + "/reports", report(LAST_MONTH, 1, 2, 3));
        assertThat(again.statusCode()).isEqualTo(409);
        String history = planner.get("/api/projects/" + housingProject + "/history").body();
        assertThat(history).contains("report.submit").contains("report.approve");
    }

    @Test
    void a_rejected_report_needs_a_note_and_can_be_resubmitted() {
        YearMonth period = LAST_MONTH.minusMonths(1);
        long id = TestServer.parse(housing.post("/api/projects/" + housingProject + "/reports", report(period, 10, 20, 10))
                .body()).path("id").asLong();
        assertThat(planner.post("/api/reports/" + id + "/reject", "{}").statusCode()).isEqualTo(400);
        assertThat(planner.post("/api/reports/" + id + "/reject", "{\"note\":\"累计数有误\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> resubmitted = housing.post("/api/projects/" + housingProject + "/reports", report(period, 10, 25, 10));
        assertThat(resubmitted.statusCode()).isEqualTo(201);
        assertThat(TestServer.parse(resubmitted.body()).path("state").asText()).isEqualTo("submitted");
        assertThat(TestServer.parse(resubmitted.body()).path("id").asLong()).isEqualTo(id);
    }

    long uploadPhoto(TestSession s, long project) throws java.io.IOException {
        HttpResponse<String> r = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base()
                        + "/api/projects/" + project + "/photos"))
                .header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("Content-Type", "image/jpeg")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(TestPhotos.jpegWithPosition())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.parse(r.body()).path("id").asLong();
    }

    static String reportWithPhotos(YearMonth period, String photoIds) {
        String r = report(period, 5, 50, 20);
        return r.substring(0, r.length() - 1) + ",\"photoIds\":" + photoIds + "}";
    }

    @Test
    void a_report_shows_photos_of_its_project_and_no_others() throws java.io.IOException {
        YearMonth period = LAST_MONTH.minusMonths(2);
        long mine = uploadPhoto(housing, housingProject);
        long theirs = uploadPhoto(urban, urbanProject);
        String base = "/api/projects/" + housingProject + "/reports";

        HttpResponse<String> foreign = housing.post(base, reportWithPhotos(period, "[" + mine + "," + theirs + "]"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("photoIds[1]").contains(String.valueOf(theirs));
        assertThat(housing.post(base, reportWithPhotos(period, "[\"x\"]")).body()).contains("photoIds[0]");
        assertThat(housing.json(base).toString()).doesNotContain("\"period\":\"" + period + "\"");   // nothing stored

        HttpResponse<String> ok = housing.post(base, reportWithPhotos(period, "[" + mine + "]"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(TestServer.parse(ok.body()).path("photoIds").toString()).isEqualTo("[" + mine + "]");
        JsonNode stored = null;
        for (JsonNode r : housing.json(base)) {
            if (r.path("period").asText().equals(period.toString())) {
                stored = r;
            }
        }
        assertThat(stored).isNotNull();
        assertThat(stored.path("photoIds").toString()).isEqualTo("[" + mine + "]");

        // resubmitted without photos, the report shows none
        long id = stored.path("id").asLong();
        assertThat(planner.post("/api/reports/" + id + "/reject", "{\"note\":\"照片不清\"}").statusCode()).isEqualTo(200);
        assertThat(housing.post(base, reportWithPhotos(period, "[]")).statusCode()).isEqualTo(201);
        for (JsonNode r : housing.json(base)) {
            if (r.path("id").asLong() == id) {
                assertThat(r.path("photoIds")).isEmpty();
            }
        }
    }

    @Test
    void reports_for_another_department_or_with_bad_figures_are_refused() {
        assertThat(housing.post("/api/projects/" + urbanProject + "/reports", report(LAST_MONTH, 1, 1, 1)).statusCode())
                .isEqualTo(403);
        String base = "/api/projects/" + urbanProject + "/reports";
        assertThat(urban.post(base, report(LAST_MONTH, -1, 1, 1)).body()).contains("investmentMonth");
        assertThat(urban.post(base, report(LAST_MONTH, 10, 5, 1)).body()).contains("investmentCumulative");
        assertThat(urban.post(base, report(LAST_MONTH, 1, 1, 101)).body()).contains("physicalPercent");
        assertThat(urban.post(base, report(YearMonth.from(TODAY).plusMonths(2), 1, 1, 1)).body()).contains("period");
        assertThat(urban.post(base, report(LAST_MONTH, 1, 1e9, 1)).statusCode()).isEqualTo(400);
        assertThat(urban.json(base).size()).isZero();
    }

    @Test
    void an_overdue_milestone_and_missing_reports_appear_on_the_supervision_list_csv_and_notice() {
        String due = TODAY.minusDays(12).toString();
        HttpResponse<String> added = urban.post("/api/projects/" + urbanProject + "/milestones",
                "{\"kind\":\"start\",\"title\":\"开工 <script>\",\"dueDate\":\"" + due + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(housing.post("/api/projects/" + urbanProject + "/milestones",
                "{\"kind\":\"start\",\"title\":\"x\",\"dueDate\":\"" + due + "\"}").statusCode()).isEqualTo(403);
        assertThat(urban.post("/api/projects/" + urbanProject + "/milestones",
                "{\"kind\":\"start\",\"title\":\"x\",\"dueDate\":\"soon\"}").body()).contains("dueDate");

        JsonNode list = planner.json("/api/supervision").path("departments");
        JsonNode urbanDept = null;
        for (JsonNode d : list) {
            if (d.path("department").asText().equals(projmap.auth.AuthFixtureAccess.URBAN)) {
                urbanDept = d;
            }
        }
        assertThat(urbanDept).isNotNull();
        assertThat(urbanDept.path("overdueMilestones").get(0).path("daysOverdue").asInt()).isEqualTo(12);

        HttpResponse<String> csv = planner.get("/api/supervision.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFF").contains("开工 <script>").contains(",\"12\"");

        HttpResponse<String> notice = planner.get("/supervision/notice?department="
                + java.net.URLEncoder.encode(projmap.auth.AuthFixtureAccess.URBAN, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(notice.statusCode()).isEqualTo(200);
        assertThat(notice.body()).contains("催办通知").contains("开工 &lt;script&gt;").doesNotContain("<script>");
        assertThat(notice.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");

        long milestoneId = TestServer.parse(added.body()).path("id").asLong();
        HttpResponse<String> reached = urban.put("/api/milestones/" + milestoneId,
                "{\"kind\":\"start\",\"title\":\"开工 <script>\",\"dueDate\":\"" + due + "\",\"doneDate\":\"" + TODAY + "\"}", null);
        assertThat(reached.statusCode()).as(reached.body()).isEqualTo(200);
        assertThat(planner.json("/api/projects/" + urbanProject + "/milestones").get(0).path("daysOverdue").asInt()).isZero();
    }

    @Test
    void the_provincial_monthly_report_has_a_summary_a_sheet_per_category_and_totals() throws Exception {
        HttpResponse<byte[]> anonymous = server.getBytes("/api/reports/monthly.xlsx?month=" + LAST_MONTH);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> ok = planner.get("/api/reports/monthly.xlsx?month=" + LAST_MONTH);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        byte[] bytes = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.base() + "/api/reports/monthly.xlsx?month=" + LAST_MONTH))
                .header("Cookie", planner.cookie()).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(bytes))) {
            var summary = wb.getSheet("汇总");
            assertThat(summary).isNotNull();
            var last = summary.getRow(summary.getLastRowNum());
            assertThat(last.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(last.getCell(1).getNumericCellValue()).isEqualTo(3.0);
            assertThat(last.getCell(2).getNumericCellValue()).isEqualTo(2300.0);
            assertThat(wb.getNumberOfSheets()).isEqualTo(4);
            StringBuilder all = new StringBuilder();
            for (var sheet : wb) {
                for (var row : sheet) {
                    for (var cell : row) {
                        all.append(cell.toString()).append('|');
                    }
                }
            }
            assertThat(all).contains("T-001").contains("T-002").contains("T-003").contains("市城市管理局");
        }
        assertThat(planner.get("/api/reports/monthly.xlsx?month=2026-13").statusCode()).isEqualTo(400);
        assertThat(planner.get("/api/supervision.xlsx").statusCode()).isEqualTo(200);
    }

    @Test
    void the_scoreboard_ranks_every_department() {
        JsonNode scores = planner.json("/api/scores?month=" + LAST_MONTH);
        assertThat(scores.path("month").asText()).isEqualTo(LAST_MONTH.toString());
        assertThat(scores.path("departments")).hasSize(2);
        assertThat(scores.path("departments").get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(scores.path("weights").path("onTimeReportRate").asDouble()).isEqualTo(0.4);
        assertThat(server.get("/api/scores").statusCode()).isEqualTo(401);
        assertThat(planner.get("/api/scores?month=13").statusCode()).isEqualTo(400);
    }
}
