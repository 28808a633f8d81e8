package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/** The dashboard's tables as XLSX (GET /api/stats/{by}.xlsx), read back with POI, on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsExportTest {
    @Parameter
    StoreKind kind;

    TestServer server;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.startSeeded(kind, Seed::projects);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Sheet sheet(String path) throws IOException {
        HttpResponse<byte[]> r = server.getBytes(path);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains(".xlsx");
        Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()));
        return wb.getSheetAt(0);
    }

    static List<String> header(Sheet s) {
        List<String> out = new ArrayList<>();
        for (Cell c : s.getRow(0)) {
            out.add(c.getStringCellValue());
        }
        return out;
    }

    /** A number cell; for a formula (the 合计 row) the value the workbook cached when written. */
    static double num(Row r, int col) {
        return r.getCell(col).getNumericCellValue();
    }

    /** Every data row equals the API's row of the same key, and the total row equals the headline. */
    void assertSameFigures(Sheet s, JsonNode stats, String field) {
        Map<String, JsonNode> byKey = new HashMap<>();
        stats.path(field).forEach(row -> byKey.put(row.path("key").asText(), row));
        int rows = stats.path(field).size();
        assertThat(s.getLastRowNum()).isEqualTo(rows + 1);   // header, rows, total
        for (int i = 1; i <= rows; i++) {
            Row r = s.getRow(i);
            JsonNode api = byKey.get(r.getCell(1).getStringCellValue());
            assertThat(api).as("row " + i).isNotNull();
            assertThat(r.getCell(0).getStringCellValue()).isEqualTo(api.path("labelZh").isTextual()
                    ? api.path("labelZh").asText() : api.path("key").asText());
            assertThat(num(r, 2)).isEqualTo(api.path("projects").asDouble());
            assertThat(num(r, 3)).isEqualTo(api.path("totalInvestment").asDouble());
            assertThat(num(r, 4)).isEqualTo(api.path("annualPlanInvestment").asDouble());
            assertThat(num(r, 5)).isEqualTo(api.path("completedInvestment").asDouble());
            assertThat(num(r, 6)).isCloseTo(api.path("completedInvestment").asDouble()
                    / api.path("annualPlanInvestment").asDouble(), within(1e-9));
            assertThat(num(r, 7)).isEqualTo(api.path("started").asDouble());
            assertThat(num(r, 8)).isCloseTo(api.path("started").asDouble() / api.path("projects").asDouble(), within(1e-9));
            assertThat(num(r, 9)).isEqualTo(api.path("completed").asDouble());
        }
        Row total = s.getRow(rows + 1);
        assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
        assertThat(num(total, 2)).isEqualTo(stats.path("projects").asDouble());
        assertThat(num(total, 3)).isCloseTo(stats.path("totalInvestment").asDouble(), within(0.005));
        assertThat(num(total, 4)).isCloseTo(stats.path("annualPlanInvestment").asDouble(), within(0.005));
        assertThat(num(total, 5)).isCloseTo(stats.path("completedInvestment").asDouble(), within(0.005));
        assertThat(num(total, 7)).isEqualTo(stats.path("started").asDouble());
        assertThat(num(total, 9)).isEqualTo(stats.path("completed").asDouble());
    }

    @ParameterizedTest
    @ValueSource(strings = {"category", "status", "district", "department"})
    void each_breakdown_has_the_figures_of_the_stats_api(String by) throws IOException {
        Sheet s = sheet("/api/stats/" + by + ".xlsx");
        assertThat(header(s)).contains("项目数", "总投资（万元）", "年度计划投资（万元）", "完成投资（万元）", "开工率");
        assertThat(s.getPaneInformation().isFreezePane()).isTrue();
        assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
        JsonNode stats = server.json("/api/stats");
        String field = "by" + Character.toUpperCase(by.charAt(0)) + by.substring(1);
        assertSameFigures(s, stats, field);
        assertThat(stats.path("projects").asInt()).isEqualTo(Seed.PROJECTS);
    }

    @Test
    void the_filter_narrows_the_workbook_as_it_narrows_the_stats() throws IOException {
        String filter = "status=completed,under_construction&category=roads,parks,renewal";
        Sheet s = sheet("/api/stats/category.xlsx?" + filter);
        JsonNode stats = server.json("/api/stats?" + filter);
        assertThat(stats.path("projects").asInt()).isBetween(1, Seed.PROJECTS - 1);
        assertSameFigures(s, stats, "byCategory");
    }

    @Test
    void categories_come_in_programme_order_and_follow_the_requested_sort() throws IOException {
        Sheet plain = sheet("/api/stats/category.xlsx");
        List<Integer> ordinals = new ArrayList<>();
        for (int i = 1; i < plain.getLastRowNum(); i++) {
            ordinals.add(projmap.projects.Category.byCode(plain.getRow(i).getCell(1).getStringCellValue()).orElseThrow().ordinal());
        }
        assertThat(ordinals).isSorted();

        Sheet asc = sheet("/api/stats/status.xlsx?sort=totalInvestment&dir=asc");
        List<Double> totals = new ArrayList<>();
        for (int i = 1; i < asc.getLastRowNum(); i++) {
            totals.add(asc.getRow(i).getCell(3).getNumericCellValue());
        }
        assertThat(totals).hasSizeGreaterThan(1).isSorted();
        Sheet desc = sheet("/api/stats/category.xlsx?sort=projects");
        List<Double> counts = new ArrayList<>();
        for (int i = 1; i < desc.getLastRowNum(); i++) {
            counts.add(-desc.getRow(i).getCell(2).getNumericCellValue());
        }
        assertThat(counts).isSorted();
    }

    @Test
    void english_headers_and_labels_on_request() throws IOException {
        Sheet s = sheet("/api/stats/status.xlsx?lang=en");
        assertThat(header(s)).startsWith("Status", "Code", "Projects", "Total investment (10k CNY)");
        assertThat(s.getRow(s.getLastRowNum()).getCell(0).getStringCellValue()).isEqualTo("Total");
        assertThat(s.getRow(1).getCell(0).getStringCellValue()).matches("[A-Za-z ]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/stats/colour.xlsx", "/api/stats/category.xlsx?sort=colour",
            "/api/stats/category.xlsx?sort=projects&dir=up", "/api/stats/category.xlsx?status=lost",
            "/api/stats/category.xlsx?lang=fr", "/api/stats/category.xlsx?planYear=abc"})
    void bad_parameters_are_a_400_naming_the_parameter(String path) {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_parameter");
        String parameter = body.path("details").path("parameter").asText();
        assertThat(parameter).isIn("by", "sort", "dir", "status", "lang", "planYear");
        assertThat(body.path("message").asText()).startsWith(parameter + ":");
    }
}
