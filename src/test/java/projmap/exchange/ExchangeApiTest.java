package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import projmap.projects.Project;
import projmap.projects.ProjectQuery;
import projmap.projects.ProjectStore;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/** Import and export over real HTTP on the demo city, on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeApiTest {
    @Parameter
    StoreKind kind;

    TestServer server;
    ExchangeClient client;
    ProjectStore projects;

    @TempDir
    Path tmp;

    // not @BeforeAll: with PER_CLASS that runs once, before the parameter is injected (kind == null)
    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.startSeeded(kind, Seed::projects);
        client = new ExchangeClient(server);
        projects = new ProjectStore(server.app().database());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path write(String name, String text, Charset cs) throws IOException {
        return write(name, text.getBytes(cs));
    }

    static JsonNode json(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body().length() > 2000 ? r.body().substring(0, 2000) : r.body()).isEqualTo(status);
        return TestServer.parse(r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"geojson", "csv", "xlsx", "gpkg", "shp.zip", "kml", "kmz", "fgb"})
    void gdal_opens_every_project_export_and_sees_every_project(String ext) throws IOException {
        Gdal.require();
        int expected = projects.count();
        Path file = write("projects." + ext, client.download("/api/export/projects." + ext));
        String path = ext.equals("shp.zip") ? "/vsizip/" + file : ext.equals("kmz") ? "/vsizip/" + file + "/doc.kml"
                : file.toString();
        if (ext.equals("xlsx") || ext.equals("csv")) {
            // GDAL reads sheets as tables; the 合计 row of the XLSX is one more row
            assertThat(Gdal.featureCount(path)).isEqualTo(ext.equals("xlsx") ? expected + 1 : expected);
        } else {
            assertThat(Gdal.featureCount(path)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"geojson", "csv", "xlsx", "gpkg", "shp.zip", "kml", "kmz", "fgb"})
    void every_project_export_reimports_to_the_same_projects(String ext) throws IOException {
        Map<String, Project> before = byCode(projects.search(ProjectQuery.ALL));
        Path file = write("roundtrip." + ext, client.download("/api/export/projects." + ext));
        JsonNode dry = json(client.postFile("/api/import/projects?dryRun=true", file), 200);
        assertThat(dry.path("rejected")).as(dry.toString()).isEmpty();
        assertThat(dry.path("updated").asInt()).isEqualTo(before.size());
        assertThat(dry.path("created").asInt()).isZero();

        JsonNode real = json(client.postFile("/api/import/projects", file), 200);
        assertThat(real.path("updated").asInt()).isEqualTo(before.size());
        Map<String, Project> after = byCode(projects.search(ProjectQuery.ALL));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (Project a : after.values()) {
            Project b = before.get(a.code());
            assertThat(fields(a)).as(a.code()).isEqualTo(fields(b));
            if (b.landArea() == null) {
                assertThat(a.landArea()).as(a.code() + " landArea").isNull();
            } else {
                assertThat(a.landArea().doubleValue()).as(a.code() + " landArea")
                        .isCloseTo(b.landArea().doubleValue(), org.assertj.core.data.Offset.offset(0.05));
            }
            assertThat(a.geometry().norm().equalsExact(b.geometry().norm(), 1e-6)).as(a.code() + " geometry " + a.geometry() + " vs " + b.geometry())
                    .isTrue();
        }
    }

    private static Map<String, Project> byCode(List<Project> list) {
        Map<String, Project> m = new HashMap<>();
        list.forEach(p -> m.put(p.code(), p));
        return m;
    }

    private static List<Object> fields(Project p) {
        return java.util.Arrays.asList(p.name(), p.category(), p.district(), p.address(), p.department(), p.leader(),
                p.contactName(), p.contactPhone(), p.status(), p.plannedStart(), p.plannedEnd(), p.actualStart(),
                p.actualEnd(), p.planYear(), strip(p.totalInvestment()), strip(p.annualPlanInvestment()),
                strip(p.completedInvestment()), p.fundingMode(), p.landStatus());
    }

    private static BigDecimal strip(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros();
    }

    @ParameterizedTest
    @ValueSource(strings = {"geojson", "gpkg", "shp.zip"})
    void an_export_in_gauss_krueger_says_its_crs_to_gdal_and_reimports_to_the_same_projects(String ext) throws IOException {
        Gdal.require();
        int expected = projects.count();
        Path file = write("gk." + ext, client.download("/api/export/projects." + ext + "?crs=EPSG:4547"));
        String path = ext.equals("shp.zip") ? "/vsizip/" + file : file.toString();
        String info = Gdal.summary(path);
        assertThat(info).as(info).containsAnyOf("4547", "CGCS2000 / 3-degree Gauss-Kruger CM 114E",
                "CGCS2000_3_Degree_GK_CM_114E");
        assertThat(Gdal.featureCount(path)).isEqualTo(expected);
        assertThat(info).as("projected extent in metres").containsPattern("Extent: \\(\\d{6}");

        JsonNode dry = json(client.postFile("/api/import/projects?dryRun=true", file), 200);
        assertThat(dry.path("crs").asText()).contains("4547");
        assertThat(dry.path("rejected")).as(dry.toString()).isEmpty();
        assertThat(dry.path("updated").asInt()).isEqualTo(expected);
    }

    @Test
    void road_centre_lines_import_as_a_roads_layer_drawn_as_lines() throws IOException {
        String roads = """
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"code":"arterial","name":"雪松大道"},
                   "geometry":{"type":"LineString","coordinates":[[114.0,32.9],[114.01,32.9],[114.02,32.9]]}},
                  {"type":"Feature","properties":{"code":"branch","name":"解放路"},
                   "geometry":{"type":"MultiLineString","coordinates":[[[114.01,32.9],[114.01,32.91]],[[114.01,32.91],[114.02,32.91]]]}}]}""";
        JsonNode r = json(client.postFile("/api/import/zones/test-roads?kind=roads&title=道路中心线",
                write("test-roads.geojson", roads, StandardCharsets.UTF_8)), 200);
        assertThat(r.path("created").asInt()).as(r.toString()).isEqualTo(2);
        JsonNode layer = null;
        for (JsonNode l : server.json("/api/layers")) {
            if (l.path("id").asText().equals("test-roads")) {
                layer = l;
            }
        }
        assertThat(layer).isNotNull();
        assertThat(layer.path("kind").asText()).isEqualTo("roads");
        assertThat(layer.path("geometryTypes").toString()).contains("LineString");
        assertThat(layer.path("featureCount").asInt()).isEqualTo(2);
        HttpResponse<String> unknown = client.postFile("/api/import/zones/other-roads?kind=streets&title=x",
                write("other-roads.geojson", roads, StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("kind").contains("roads");
    }

    @Test
    void an_export_crs_that_cannot_be_written_is_refused_naming_the_parameter() {
        JsonNode kml = json(client.get("/api/export/projects.kml?crs=EPSG:4547"), 400);
        assertThat(kml.toString()).contains("crs").contains("KML");
        JsonNode mercator = json(client.get("/api/export/projects.geojson?crs=EPSG:3857"), 400);
        assertThat(mercator.toString()).contains("crs").contains("3857");
    }

    @Test
    void a_dry_run_reports_row_by_row_and_changes_nothing() throws IOException {
        int count = projects.count();
        Path csv = write("dry.csv", """
                项目编号,项目名称,项目类别,项目状态,建设单位,总投资（万元）,年度计划投资（万元）,经度,纬度
                DRY-001,新建道路,城市道路与桥梁,在建,市住建局,"1,200",300,114.02,32.98
                DRY-002,新建公园,公园绿地,谋划储备,市园林局,abc,100,114.03,32.99
                DRY-003,坐标错,公园绿地,谋划储备,市园林局,10,1,32.99,114.03
                DRY-001,重复,公园绿地,谋划储备,市园林局,10,1,114.03,32.99
                """, StandardCharsets.UTF_8);
        JsonNode r = json(client.postFile("/api/import/projects?dryRun=true", csv), 200);
        assertThat(r.path("created").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(r.path("rejected")).hasSize(3);
        assertThat(r.path("rejected").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(r.path("rejected").get(0).path("reason").asText()).contains("totalInvestment").contains("abc");
        assertThat(r.path("rejected").get(1).path("reason").asText()).contains("out_of_range");
        assertThat(r.path("rejected").get(2).path("reason").asText()).contains("duplicate code 'DRY-001'").contains("row 2");
        assertThat(projects.count()).isEqualTo(count);
    }

    @Test
    void a_real_import_with_one_bad_row_stores_nothing() throws IOException {
        int count = projects.count();
        Path csv = write("bad.csv", """
                项目编号,项目名称,项目类别,项目状态,经度,纬度
                ALL-001,好的,公园绿地,在建,114.02,32.98
                ALL-002,坏的,没有这个类别,在建,114.02,32.98
                """, StandardCharsets.UTF_8);
        JsonNode r = json(client.postFile("/api/import/projects", csv), 422);
        assertThat(r.path("error").asText()).isEqualTo("rows_rejected");
        assertThat(r.path("details").path("rejected").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(projects.count()).isEqualTo(count);
        assertThat(projects.findByCode("ALL-001")).isEmpty();
    }

    @Test
    void a_gbk_csv_with_chinese_headers_creates_projects_and_keeps_unknown_columns() throws IOException {
        Path csv = write("gbk.csv", """
                序号,项目编号,项目名称,项目类别,项目状态,责任单位,总投资（亿元）,用地面积（亩）,计划开工时间,备注,经度,纬度
                1,GBK-001,驿城大道改造,城市道路与桥梁,续建,驿城区政府,1.5,15,2017年3月,重点,114.02,32.98
                合计,,,,,,1.5,15,,,,
                """, Charset.forName("GBK"));
        JsonNode r = json(client.postFile("/api/import/projects", csv), 200);
        assertThat(r.path("created").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(r.path("encoding").asText()).isEqualTo("GB18030");
        Project p = projects.findByCode("GBK-001").orElseThrow();
        assertThat(p.name()).isEqualTo("驿城大道改造");
        assertThat(p.totalInvestment()).isEqualByComparingTo("15000");
        assertThat(p.landArea()).isEqualByComparingTo("10000");
        assertThat(p.plannedStart()).isEqualTo(java.time.LocalDate.of(2017, 3, 1));
        assertThat(p.status().code()).isEqualTo("under_construction");
        String extra = server.app().database().read(c -> {
            try (var ps = c.prepareStatement("SELECT " + server.app().database().dialect().jsonColumn("extra_attributes")
                    + " FROM projects WHERE code = 'GBK-001'"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(extra).contains("备注").contains("重点");
    }

    @Test
    void every_real_import_is_in_the_audit_log_with_who_which_file_and_counts_and_a_dry_run_is_not() throws IOException {
        var audit = new projmap.auth.AuditLog(server.app().database());
        long before = audit.recent(1, Long.MAX_VALUE).stream().mapToLong(projmap.auth.AuditLog.Entry::id).max().orElse(0);
        Path csv = write("audit-projects.csv", """
                项目编号,项目名称,项目类别,项目状态,经度,纬度
                AUD-001,审计一,公园绿地,在建,114.02,32.98
                AUD-002,审计二,公园绿地,在建,114.03,32.99
                """, StandardCharsets.UTF_8);
        json(client.postFile("/api/import/projects?dryRun=true", csv), 200);
        assertThat(audit.recent(50, Long.MAX_VALUE)).allSatisfy(e -> assertThat(e.id()).isLessThanOrEqualTo(before));

        json(client.postFile("/api/import/projects", csv), 200);
        String layer = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"DLBM":"R2"},
                  "geometry":{"type":"Polygon","coordinates":[[[114.0,32.9],[114.01,32.9],[114.01,32.91],[114.0,32.9]]]}}]}""";
        json(client.postFile("/api/import/zones/audit-layer?kind=zoning&title=审计&vintage=2025",
                write("audit-layer.geojson", layer, StandardCharsets.UTF_8)), 200);

        List<projmap.auth.AuditLog.Entry> entries = audit.recent(50, Long.MAX_VALUE).stream().filter(e -> e.id() > before).toList();
        var summary = entries.stream().filter(e -> e.action().equals("projects.import")).findFirst().orElseThrow();
        assertThat(summary.actor()).isEqualTo("admin");
        assertThat(summary.entityId()).isEqualTo("audit-projects.csv");
        assertThat(summary.after().path("created").asInt()).isEqualTo(2);
        assertThat(entries.stream().filter(e -> e.action().equals("project.import"))).hasSize(2)
                .allSatisfy(e -> assertThat(e.after().toString()).contains("AUD-00"));
        var zones = entries.stream().filter(e -> e.action().equals("zones.import.create")).findFirst().orElseThrow();
        assertThat(zones.entityId()).isEqualTo("audit-layer");
        assertThat(zones.actor()).isEqualTo("admin");
        assertThat(zones.after().path("file").asText()).isEqualTo("audit-layer.geojson");
        assertThat(zones.after().path("features").asInt()).isEqualTo(1);
        assertThat(zones.after().path("vintage").asText()).isEqualTo("2025");
    }

    @Test
    void a_workbook_sheet_is_chosen_by_name_or_the_first_with_a_table_and_the_dry_run_lists_sheets_and_other_columns()
            throws IOException {
        byte[] bytes;
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            wb.createSheet("说明").createRow(0).createCell(0).setCellValue("本表由市发改委提供");
            var table = wb.createSheet("项目");
            String[][] rows = {{"项目编号", "项目名称", "项目类别", "项目状态", "经度", "纬度", "备注", "自定义列"},
                    {"XLS-001", "表二项目", "公园绿地", "在建", "114.02", "32.98", "重点", "甲"}};
            for (int r = 0; r < rows.length; r++) {
                var row = table.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            var other = wb.createSheet("其他");
            String[] h = {"项目编号", "项目名称", "项目类别", "项目状态", "经度", "纬度"};
            var hr = other.createRow(0);
            var dr = other.createRow(1);
            for (int c = 0; c < h.length; c++) {
                hr.createCell(c).setCellValue(h[c]);
                dr.createCell(c).setCellValue(new String[] {"XLS-002", "表三项目", "公园绿地", "在建", "114.03", "32.99"}[c]);
            }
            wb.write(out);
            bytes = out.toByteArray();
        }
        Path xlsx = write("sheets.xlsx", bytes);
        JsonNode dry = json(client.postFile("/api/import/projects?dryRun=true", xlsx), 200);
        assertThat(dry.path("sheet").asText()).isEqualTo("项目");
        assertThat(dry.path("sheets").toString()).isEqualTo("[\"说明\",\"项目\",\"其他\"]");
        assertThat(dry.path("created").asInt()).isEqualTo(1);
        assertThat(dry.path("otherColumns").toString()).contains("备注").contains("自定义列");

        JsonNode third = json(client.postFile("/api/import/projects?dryRun=true&sheet=" + java.net.URLEncoder.encode("其他",
                StandardCharsets.UTF_8), xlsx), 200);
        assertThat(third.path("sheet").asText()).isEqualTo("其他");
        assertThat(third.path("otherColumns")).isEmpty();
        assertThat(json(client.postFile("/api/import/projects?dryRun=true&sheet=3", xlsx), 200).path("sheet").asText())
                .isEqualTo("其他");

        JsonNode wrong = json(client.postFile("/api/import/projects?dryRun=true&sheet=9", xlsx), 400);
        assertThat(wrong.path("error").asText()).isEqualTo("unknown_sheet");
        assertThat(wrong.path("message").asText()).contains("说明").contains("项目").contains("其他");
        assertThat(projects.findByCode("XLS-001")).isEmpty();

        // imported for real, the columns no field took are kept and shown with the project (其他属性)
        json(client.postFile("/api/import/projects", xlsx), 200);
        Project imported = projects.findByCode("XLS-001").orElseThrow();
        JsonNode shown = server.json("/api/projects/" + imported.id()).path("properties").path("otherAttributes");
        assertThat(shown.path("备注").asText()).as(shown.toString()).isEqualTo("重点");
        assertThat(shown.path("自定义列").asText()).isEqualTo("甲");
    }

    @Test
    void a_gbk_shapefile_without_cpg_becomes_a_zone_layer_with_its_chinese_names() throws IOException {
        Path dir = Path.of("src/test/resources/exchange/samples/chinese_poly");
        List<Path> parts = List.of(dir.resolve("chinese_poly.shp"), dir.resolve("chinese_poly.shx"),
                dir.resolve("chinese_poly.dbf"), dir.resolve("chinese_poly.prj"));
        JsonNode r = json(client.postMultipart("/api/import/zones/provinces?kind=boundary&title=省界", parts), 200);
        assertThat(r.path("created").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(r.path("encoding").asText()).isEqualTo("GB18030");
        assertThat(r.path("crs").asText()).contains("4326");
        JsonNode layer = server.json("/api/zones/provinces");
        assertThat(layer.path("features").get(0).path("properties").path("name").asText()).isEqualTo("黑龙江省");
    }

    @Test
    void a_new_vintage_replaces_the_layer_and_keeps_the_old_one_queryable() throws IOException {
        String v1 = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"DLBM":"R2","DLMC":"二类居住用地","面积":12.5},
                  "geometry":{"type":"Polygon","coordinates":[[[114.0,32.9],[114.01,32.9],[114.01,32.91],[114.0,32.9]]]}}]}""";
        String v2 = v1.replace("R2", "B1").replace("二类居住用地", "商业用地");
        json(client.postFile("/api/import/zones/landuse-test?kind=zoning&title=用地规划测试&vintage=2020",
                write("v1.geojson", v1, StandardCharsets.UTF_8)), 200);
        JsonNode r = json(client.postFile("/api/import/zones/landuse-test?vintage=2024",
                write("v2.geojson", v2, StandardCharsets.UTF_8)), 200);
        assertThat(r.path("updated").asInt()).isEqualTo(1);
        assertThat(r.path("archivedVintage").asInt()).isEqualTo(1);
        JsonNode now = server.json("/api/zones/landuse-test");
        assertThat(now.path("features").get(0).path("properties").path("code").asText()).isEqualTo("B1");
        assertThat(now.path("features").get(0).path("properties").path("面积").asDouble()).isEqualTo(12.5);
        JsonNode vintages = server.json("/api/zones/landuse-test/vintages");
        assertThat(vintages).hasSize(1);
        assertThat(vintages.get(0).path("layer").path("vintage").asText()).isEqualTo("2020");
        assertThat(vintages.get(0).path("features").asInt()).isEqualTo(1);
    }

    @Test
    void a_geojson_in_gauss_krueger_cm114_is_reprojected_to_lon_lat() throws IOException {
        String gk = """
                {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},
                 "features":[{"type":"Feature","properties":{"code":"GK-001","name":"高斯点","category":"parks","status":"planned"},
                  "geometry":{"type":"Point","coordinates":[501869,3650530]}}]}""";
        JsonNode r = json(client.postFile("/api/import/projects", write("gk.geojson", gk, StandardCharsets.UTF_8)), 200);
        assertThat(r.path("crs").asText()).contains("4547");
        var g = projects.findByCode("GK-001").orElseThrow().geometry().getCoordinate();
        assertThat(g.x).isCloseTo(114.02, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(g.y).isCloseTo(32.98, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void projected_coordinates_without_a_crs_are_refused_with_the_likely_codes() throws IOException {
        String csv = "code,name,category,status,x,y\nP-1,无坐标系,parks,planned,38501869,3650530\n";
        JsonNode r = json(client.postFile("/api/import/projects", write("nocrs.csv", csv, StandardCharsets.UTF_8)), 422);
        assertThat(r.path("error").asText()).isEqualTo("crs_required");
        assertThat(r.path("message").asText()).contains("EPSG:4526").contains("crs=");
        JsonNode ok = json(client.postFile("/api/import/projects?crs=EPSG:4526&dryRun=true",
                write("nocrs2.csv", csv, StandardCharsets.UTF_8)), 200);
        assertThat(ok.path("created").asInt()).isEqualTo(1);
        JsonNode wrongZone = json(client.postFile("/api/import/projects?crs=EPSG:4547",
                write("nocrs3.csv", csv, StandardCharsets.UTF_8)), 422);
        assertThat(wrongZone.path("error").asText()).isEqualTo("crs_mismatch");
    }

    @Test
    void an_import_job_is_not_readable_without_a_planner() throws Exception {
        String csv = "code,name,category,status,lon,lat\nJOB-2,异步,parks,planned,114.02,32.98\n";
        JsonNode job = json(client.postFile("/api/import/projects?async=true&dryRun=true",
                write("job2.csv", csv, StandardCharsets.UTF_8)), 202);
        assertThat(server.get("/api/import/jobs/" + job.path("id").asText()).statusCode()).isEqualTo(401);
    }

    @Test
    void an_async_import_reports_progress_and_its_result_through_a_job() throws Exception {
        String csv = "code,name,category,status,lon,lat\nJOB-1,异步,parks,planned,114.02,32.98\n";
        JsonNode job = json(client.postFile("/api/import/projects?async=true", write("job.csv", csv, StandardCharsets.UTF_8)), 202);
        String id = job.path("id").asText();
        JsonNode state = null;
        for (int i = 0; i < 100; i++) {
            state = json(client.get("/api/import/jobs/" + id), 200);
            if (state.path("state").asText().equals("done") || state.path("state").asText().equals("failed")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(state.path("state").asText()).as(state.toString()).isEqualTo("done");
        assertThat(state.path("report").path("created").asInt()).isEqualTo(1);
    }
}
