package projmap.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import projmap.testing.Browser;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/** Log-in, the supervision page and the edit form with its conflict display, in headless Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditingBrowserTest {
    TestServer server;
    TestSession admin;
    long urbanProject;
    long housingProject;
    long parkProject;

    @BeforeAll
    void start() {
        server = AuthFixture.start(StoreKind.H2GIS, true);
        admin = TestSession.login(server, "admin", AuthFixture.ADMIN_PASSWORD);
        AuthFixture.account(server, admin, "urban1", "editor", AuthFixture.URBAN);
        AuthFixture.account(server, admin, "housing1", "editor", AuthFixture.HOUSING);
        AuthFixture.account(server, admin, "planner1", "planner");
        for (JsonNode f : server.json("/api/projects").path("features")) {
            switch (f.path("properties").path("code").asText()) {
                case "T-001" -> housingProject = f.path("id").asLong();
                case "T-002" -> parkProject = f.path("id").asLong();
                case "T-003" -> urbanProject = f.path("id").asLong();
                default -> { }
            }
        }
        String due = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(3).toString();
        admin.post("/api/projects/" + urbanProject + "/milestones",
                "{\"kind\":\"start\",\"title\":\"<img src=x onerror=alert(1)>开工\",\"dueDate\":\"" + due + "\"}");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static WebDriverWait waiting(ChromeDriver d) {
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
        // the panel redraws itself when data arrives: an element found a moment ago may be replaced
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    static void logIn(ChromeDriver d, String base, String next, String user, String password) {
        d.get(base + "/login.html?next=" + next);
        waiting(d).until(x -> !x.findElement(By.id("login-submit")).getText().isBlank());
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(password);
        d.findElement(By.id("login-submit")).click();
    }

    @Test
    void a_wrong_password_shows_an_error_and_a_right_one_opens_the_supervision_page() {
        try (Browser b = Browser.open(1280, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/supervision", "urban1", "wrong password here");
            waiting(d).until(x -> !x.findElement(By.id("login-error")).getText().isBlank());
            assertThat(d.findElement(By.id("login-error")).getText()).contains("错误");
            assertThat(d.manage().getCookieNamed("projmap_session")).isNull();

            d.findElement(By.id("password")).sendKeys(AuthFixture.PASSWORD);
            d.findElement(By.id("login-submit")).click();
            waiting(d).until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x).executeScript("return window.projmapReady === true")));
            assertThat(d.getCurrentUrl()).endsWith("/supervision");
            assertThat(d.manage().getCookieNamed("projmap_session").isHttpOnly()).isTrue();
            // the session cookie is out of reach of scripts
            assertThat((String) ((JavascriptExecutor) d).executeScript("return document.cookie")).doesNotContain("projmap_session");
            String list = d.findElement(By.id("sv-list")).getText();
            assertThat(list).contains(AuthFixture.URBAN).contains("<img src=x onerror=alert(1)>开工");
            assertThat(d.findElements(By.cssSelector("#sv-list img"))).isEmpty();
            assertThat(d.findElement(By.id("sv-scores")).getText()).contains(AuthFixture.HOUSING);
            b.screenshot("supervision");
        }
    }

    @Test
    void an_editor_saves_an_edit_and_sees_what_changed_when_someone_else_saved_first() {
        try (Browser b = Browser.open(1280, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/?project=" + urbanProject, "urban1", AuthFixture.PASSWORD);
            WebElement open = waiting(d).until(x -> {
                var found = x.findElements(By.id("edit-open"));
                return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
            });
            open.click();
            WebElement name = waiting(d).until(x -> x.findElement(By.id("edit-name")));
            name.clear();
            name.sendKeys("垃圾中转站（改）");
            d.findElement(By.id("edit-save")).click();
            waiting(d).until(x -> x.findElement(By.id("edit-message")).getText().contains("2"));
            assertThat(server.json("/api/projects/" + urbanProject).path("properties").path("name").asText())
                    .isEqualTo("垃圾中转站（改）");

            // a second form opens at version 2; meanwhile a planner saves version 3
            d.findElement(By.id("edit-open")).click();
            WebElement address = waiting(d).until(x -> x.findElement(By.id("edit-address")));
            var current = server.get("/api/projects/" + urbanProject);
            JsonNode f = TestServer.parse(current.body());
            ((com.fasterxml.jackson.databind.node.ObjectNode) f.path("properties")).put("leader", "赵六");
            assertThat(admin.put("/api/projects/" + urbanProject, f.toString(),
                    current.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(200);
            address.clear();
            address.sendKeys("新地址");
            d.findElement(By.id("edit-save")).click();
            WebElement conflicts = waiting(d).until(x -> x.findElement(By.id("edit-conflicts")));
            assertThat(conflicts.getText()).contains("leader").contains("赵六");
            assertThat(d.findElement(By.id("edit-message")).getText()).contains("admin");
            assertThat(server.json("/api/projects/" + urbanProject).path("properties").path("address").asText())
                    .isNotEqualTo("新地址");
            b.screenshot("edit-conflict");
        }
    }

    // ---- helpers for the panel's forms ----

    static JavascriptExecutor js(ChromeDriver d) {
        return d;
    }

    /** Scrolls the element into the middle of its scrolling box first: the panel is taller than the window. */
    static void click(ChromeDriver d, WebElement e) {
        js(d).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.click();
    }

    static WebElement visible(ChromeDriver d, String id) {
        return waiting(d).until(x -> {
            var found = x.findElements(By.id(id));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    static void type(ChromeDriver d, String id, String text) {
        WebElement e = visible(d, id);
        js(d).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        e.clear();
        e.sendKeys(text);
    }

    /** Feeds vertices to Geoman as Leaflet map clicks (headless pointer events do not reach it reliably). */
    static void mapClicks(ChromeDriver d, double[][] lonLats) {
        StringBuilder pts = new StringBuilder("[");
        for (double[] p : lonLats) {
            pts.append(pts.length() == 1 ? "" : ",").append('[').append(p[0]).append(',').append(p[1]).append(']');
        }
        pts.append(']');
        js(d).executeScript("""
                const map = window.projmap.map;
                for (const [lon, lat] of %s) {
                  const latlng = L.latLng(lat, lon);
                  map.fire('click', {latlng, layerPoint: map.latLngToLayerPoint(latlng),
                                     containerPoint: map.latLngToContainerPoint(latlng), originalEvent: new MouseEvent('click')});
                }""".formatted(pts));
    }

    /** The map's tooltip texts, read in one step (the panel and the map redraw while a test looks). */
    @SuppressWarnings("unchecked")
    static java.util.List<String> tooltips(ChromeDriver d) {
        return (java.util.List<String>) js(d).executeScript(
                "return [...document.querySelectorAll('.leaflet-tooltip')].map((e) => e.textContent)");
    }

    static void waitMapReady(ChromeDriver d) {
        waiting(d).until(x -> Boolean.TRUE.equals(js(d).executeScript("return window.projmapReady === true")));
    }

    @Test
    void a_planner_draws_a_new_site_saves_it_and_a_self_intersecting_one_is_refused_with_its_position() throws Exception {
        try (Browser b = Browser.open(1366, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/?project=" + housingProject, "planner1", AuthFixture.PASSWORD);
            waitMapReady(d);
            click(d, visible(d, "edit-open"));
            assertThat(visible(d, "edit-geometry-summary").getText()).contains("线");
            click(d, visible(d, "edit-geometry-draw-polygon"));
            mapClicks(d, new double[][] {{114.020, 32.980}, {114.030, 32.980}, {114.030, 32.988}, {114.020, 32.988}});
            click(d, visible(d, "edit-geometry-finish"));
            waiting(d).until(x -> x.findElement(By.id("edit-geometry-summary")).getText().contains("面"));
            assertThat(d.findElement(By.id("edit-geometry-summary")).getText()).contains("亩");
            b.screenshot("edit-geometry-drawn");
            click(d, d.findElement(By.id("edit-save")));
            waiting(d).until(x -> x.findElement(By.id("edit-message")).getText().contains("已保存"));
            JsonNode saved = server.json("/api/projects/" + housingProject).path("geometry");
            assertThat(saved.path("type").asText()).isEqualTo("Polygon");
            assertThat(saved.path("coordinates").get(0)).hasSize(5);
            assertThat(saved.path("coordinates").get(0).get(1).get(0).asDouble()).isCloseTo(114.03,
                    org.assertj.core.data.Offset.offset(1e-6));

            // after a reload the form starts from the stored polygon; a vertex moved on the map is saved
            d.navigate().refresh();
            waitMapReady(d);
            click(d, visible(d, "edit-open"));
            waiting(d).until(x -> x.findElement(By.id("edit-geometry-summary")).getText().contains("面"));
            // the vertex is moved as Geoman's drag would leave it, then Geoman announces the edit itself
            js(d).executeScript("""
                    window.projmap.map.eachLayer((l) => {
                      if (l instanceof L.Polygon && l.pm && l.pm.enabled()) {
                        const ring = l.getLatLngs()[0];
                        ring[2] = L.latLng(32.990, 114.035);
                        l.setLatLngs([ring]);
                        l.pm._fireEdit();
                      }
                    });""");
            click(d, d.findElement(By.id("edit-save")));
            waiting(d).until(x -> x.findElement(By.id("edit-message")).getText().contains("已保存"));
            JsonNode moved = server.json("/api/projects/" + housingProject).path("geometry");
            assertThat(moved.path("coordinates").get(0).get(2).get(0).asDouble()).isEqualTo(114.035);
            assertThat(moved.path("coordinates").get(0).get(2).get(1).asDouble()).isEqualTo(32.99);
            int versionBefore = server.json("/api/projects/" + housingProject).path("properties").path("version").asInt();

            // a bow tie: its edges cross, the server refuses it and says where
            click(d, visible(d, "edit-open"));
            click(d, visible(d, "edit-geometry-draw-polygon"));
            mapClicks(d, new double[][] {{114.020, 32.980}, {114.030, 32.988}, {114.030, 32.980}, {114.020, 32.988}});
            click(d, visible(d, "edit-geometry-finish"));
            click(d, d.findElement(By.id("edit-save")));
            WebElement error = visible(d, "edit-geometry-error");
            assertThat(error.getText()).contains("几何图形无效").contains("位置：114.025, 32.984");
            assertThat(d.findElement(By.id("edit-message")).getText()).contains("Self-intersection");
            assertThat(tooltips(d))
                    .contains("问题位置");
            b.screenshot("edit-geometry-refused");
            JsonNode after = server.json("/api/projects/" + housingProject);
            assertThat(after.path("properties").path("version").asInt()).isEqualTo(versionBefore);
            assertThat(after.path("geometry")).isEqualTo(moved);

            // removing the geometry is an edit like any other; the marks leave the map with the form
            click(d, visible(d, "edit-geometry-delete"));
            assertThat(d.findElement(By.id("edit-geometry-summary")).getText()).isEqualTo("无几何图形");
            click(d, d.findElement(By.id("edit-save")));
            waiting(d).until(x -> x.findElement(By.id("edit-message")).getText().contains("已保存"));
            assertThat(server.json("/api/projects/" + housingProject).path("geometry").isNull()).isTrue();
            // Leaflet fades a closed tooltip out and takes it from the page 200 ms later
            waiting(d).until(x -> !tooltips(d).contains("问题位置"));

            // a site uploaded as GeoJSON: projected coordinates are turned away, lon/lat ones saved
            java.nio.file.Path projected = java.nio.file.Files.createTempFile("site-4547-", ".geojson");
            java.nio.file.Files.writeString(projected, "{\"type\":\"Polygon\",\"coordinates\":[[[38500000,3650000],"
                    + "[38500100,3650000],[38500100,3650100],[38500000,3650000]]]}");
            java.nio.file.Path site = java.nio.file.Files.createTempFile("site-", ".geojson");
            java.nio.file.Files.writeString(site, "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
                    + "\"coordinates\":[[[114.01,32.97],[114.02,32.97],[114.02,32.98],[114.01,32.97]]]}}");
            click(d, visible(d, "edit-open"));
            visible(d, "edit-geometry-file").sendKeys(projected.toAbsolutePath().toString());
            waiting(d).until(x -> x.findElement(By.id("edit-geometry-hint")).getText().contains("不是经纬度"));
            assertThat(d.findElement(By.id("edit-geometry-summary")).getText()).isEqualTo("无几何图形");
            d.findElement(By.id("edit-geometry-file")).sendKeys(site.toAbsolutePath().toString());
            waiting(d).until(x -> x.findElement(By.id("edit-geometry-summary")).getText().contains("面"));
            click(d, d.findElement(By.id("edit-save")));
            waiting(d).until(x -> x.findElement(By.id("edit-message")).getText().contains("已保存"));
            JsonNode uploaded = server.json("/api/projects/" + housingProject).path("geometry");
            assertThat(uploaded.path("type").asText()).isEqualTo("Polygon");
            assertThat(uploaded.path("coordinates").get(0).get(1).get(0).asDouble()).isEqualTo(114.02);
        }
    }

    @Test
    void an_editor_uploads_a_photo_with_a_position_and_sees_it_on_the_map_and_a_fake_image_is_refused() throws Exception {
        java.nio.file.Path jpeg = java.nio.file.Files.createTempFile("site-", ".jpg");
        java.nio.file.Files.write(jpeg, projmap.progress.TestPhotos.jpegWithPosition());
        java.nio.file.Path fake = java.nio.file.Files.createTempFile("fake-", ".jpg");
        java.nio.file.Files.writeString(fake, "<html>not a photo</html>");
        try (Browser b = Browser.open(1366, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/?project=" + parkProject, "housing1", AuthFixture.PASSWORD);
            waitMapReady(d);
            WebElement file = visible(d, "photo-file");
            file.sendKeys(fake.toAbsolutePath().toString());
            type(d, "photo-caption", "假照片");
            click(d, d.findElement(By.id("photo-upload")));
            waiting(d).until(x -> x.findElement(By.id("photo-status")).getText().contains("只接受 JPEG 或 PNG"));
            assertThat(server.json("/api/projects/" + parkProject + "/photos")).isEmpty();

            visible(d, "photo-file").sendKeys(jpeg.toAbsolutePath().toString());
            type(d, "photo-caption", "工地东侧");
            click(d, d.findElement(By.id("photo-upload")));
            waiting(d).until(x -> x.findElement(By.id("photo-status")).getText().contains("32.98000"));
            assertThat(d.findElement(By.id("photo-status")).getText()).contains("114.02000");
            WebElement thumb = waiting(d).until(x -> x.findElement(By.cssSelector("#photo-list img")));
            assertThat(thumb.getAttribute("alt")).isEqualTo("工地东侧");
            waiting(d).until(x -> ((Number) js(d).executeScript(
                    "return document.querySelector('#photo-list img').naturalWidth")).intValue() > 0);
            WebElement marker = waiting(d).until(x -> x.findElement(By.cssSelector(".leaflet-marker-icon.photo-marker")));
            assertThat(marker.getAttribute("title")).contains("工地东侧");
            @SuppressWarnings("unchecked")
            java.util.List<Number> at = (java.util.List<Number>) js(d).executeScript("""
                    let ll = null;
                    window.projmap.map.eachLayer((l) => { if (l.options && l.options.icon && l.options.icon.options
                        && l.options.icon.options.className === 'photo-marker') ll = l.getLatLng(); });
                    return ll && [ll.lng, ll.lat];""");
            assertThat(at.get(0).doubleValue()).isCloseTo(114.02, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(at.get(1).doubleValue()).isCloseTo(32.98, org.assertj.core.data.Offset.offset(1e-6));
            b.screenshot("photo-uploaded");
            JsonNode stored = server.json("/api/projects/" + parkProject + "/photos");
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).path("caption").asText()).isEqualTo("工地东侧");

            // the editor deletes it again: gone from the panel, the map and the store, and in the history
            click(d, d.findElement(By.cssSelector("#photo-list .photo-delete")));
            d.switchTo().alert().accept();
            waiting(d).until(x -> x.findElement(By.id("photo-status")).getText().contains("已删除"));
            assertThat(d.findElements(By.cssSelector(".photo-marker"))).isEmpty();
            assertThat(server.json("/api/projects/" + parkProject + "/photos")).isEmpty();
            d.navigate().refresh();
            waitMapReady(d);
            waiting(d).until(x -> x.findElement(By.id("history-list")).getText().contains("删除了照片"));
            assertThat(d.findElement(By.id("history-list")).getText()).contains("上传了照片").contains("housing1");
        }
    }

    @Test
    void an_editor_records_milestones_and_a_monthly_report_with_validation_and_a_planner_approves_it() {
        String lastMonth = java.time.YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();
        String future = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(5).toString();
        try (Browser b = Browser.open(1366, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/?project=" + parkProject, "housing1", AuthFixture.PASSWORD);
            waitMapReady(d);
            // milestone: a title is needed, and a milestone is not reached in the future
            click(d, visible(d, "milestone-save"));
            assertThat(visible(d, "milestone-message").getText()).contains("节点名称");
            assertThat(d.findElement(By.id("milestone-title")).getAttribute("aria-invalid")).isEqualTo("true");
            type(d, "milestone-title", "主体封顶");
            js(d).executeScript("document.getElementById('milestone-kind').value = 'topping_out';"
                    + "document.getElementById('milestone-dueDate').value = '2026-06-30';"
                    + "document.getElementById('milestone-doneDate').value = arguments[0];", future);
            click(d, d.findElement(By.id("milestone-save")));
            waiting(d).until(x -> x.findElement(By.id("milestone-message")).getText().contains("不能晚于今天"));
            js(d).executeScript("document.getElementById('milestone-doneDate').value = ''");
            click(d, d.findElement(By.id("milestone-save")));
            waiting(d).until(x -> x.findElement(By.id("milestone-list")).getText().contains("主体封顶"));
            assertThat(d.findElement(By.id("milestone-list")).getText()).contains("主体封顶").contains("2026");
            JsonNode milestones = server.json("/api/projects/" + parkProject + "/milestones");
            assertThat(milestones).hasSize(1);
            assertThat(milestones.get(0).path("kind").asText()).isEqualTo("topping_out");

            // report: cumulative below this month's figure, then above the total (800 万元), then right
            js(d).executeScript("document.getElementById('report-period').value = arguments[0]", lastMonth);
            type(d, "report-investmentMonth", "50");
            type(d, "report-investmentCumulative", "40");
            type(d, "report-physicalPercent", "30");
            click(d, d.findElement(By.id("report-save")));
            waiting(d).until(x -> x.findElement(By.id("report-message")).getText().contains("不能小于本月"));
            assertThat(d.findElement(By.id("report-investmentCumulative")).getAttribute("aria-invalid")).isEqualTo("true");
            type(d, "report-investmentCumulative", "900");
            click(d, d.findElement(By.id("report-save")));
            waiting(d).until(x -> x.findElement(By.id("report-message")).getText().contains("超过项目总投资"));
            type(d, "report-investmentCumulative", "120");
            type(d, "report-physicalPercent", "130");
            click(d, d.findElement(By.id("report-save")));
            waiting(d).until(x -> x.findElement(By.id("report-message")).getText().contains("0–100"));
            type(d, "report-physicalPercent", "35");
            type(d, "report-progressText", "主体施工中");
            click(d, d.findElement(By.id("report-save")));
            waiting(d).until(x -> x.findElement(By.id("report-list")).getText().contains("待审核"));
            assertThat(d.findElement(By.id("report-list")).getText()).contains(lastMonth).contains("35%");
            assertThat(admin.json("/api/projects/" + parkProject + "/reports")).hasSize(1);
            b.screenshot("progress-forms");
            d.navigate().refresh();
            waitMapReady(d);
            waiting(d).until(x -> x.findElement(By.id("history-list")).getText().contains("提交了月报"));
            assertThat(d.findElement(By.id("history-list")).getText()).contains("新增了时间节点");
        }
        // a planner approves it from the panel; a resubmission is then refused with the server's reason
        try (Browser b = Browser.open(1366, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/?project=" + parkProject, "planner1", AuthFixture.PASSWORD);
            waitMapReady(d);
            click(d, waiting(d).until(x -> x.findElement(By.cssSelector("#report-list .report-approve"))));
            waiting(d).until(x -> x.findElement(By.id("report-list")).getText().contains("已通过"));
            waiting(d).until(x -> x.findElement(By.id("history-list")).getText().contains("通过了月报"));
            assertThat(admin.json("/api/projects/" + parkProject + "/reports").get(0).path("state").asText()).isEqualTo("approved");
            js(d).executeScript("document.getElementById('report-period').value = arguments[0]", lastMonth);
            type(d, "report-investmentMonth", "10");
            type(d, "report-investmentCumulative", "130");
            type(d, "report-physicalPercent", "40");
            click(d, d.findElement(By.id("report-save")));
            waiting(d).until(x -> x.findElement(By.id("report-message")).getText().contains("已审核通过"));
            assertThat(admin.json("/api/projects/" + parkProject + "/reports").get(0).path("investmentCumulative").asDouble())
                    .isEqualTo(120.0);
        }
    }

    @Test
    void an_admin_manages_accounts_and_a_token_shown_once_works_until_revoked() {
        try (Browser b = Browser.open(1366, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/admin", "admin", AuthFixture.ADMIN_PASSWORD);
            waitMapReady(d);
            assertThat(visible(d, "user-table").getText()).contains("urban1").contains("housing1");

            // refused before sending (too short) and by the server (too few different characters)
            type(d, "new-username", "roads1");
            type(d, "new-password", "short");
            click(d, d.findElement(By.id("user-create")));
            waiting(d).until(x -> x.findElement(By.id("user-message")).getText().contains("至少需要 12 个字符"));
            type(d, "new-password", "aaaaaaaaaaaaab");
            click(d, d.findElement(By.id("user-create")));
            waiting(d).until(x -> x.findElement(By.id("user-message")).getText().contains("密码太弱"));
            assertThat(d.findElement(By.id("new-password")).getAttribute("aria-invalid")).isEqualTo("true");
            type(d, "new-password", AuthFixture.PASSWORD);
            js(d).executeScript("document.getElementById('new-role').value = 'editor'");
            click(d, d.findElement(By.id("user-create")));
            waiting(d).until(x -> x.findElement(By.id("user-message")).getText().contains("责任单位"));
            type(d, "new-departments", "市交通运输局、" + AuthFixture.URBAN);
            type(d, "new-displayName", "李四");
            click(d, d.findElement(By.id("user-create")));
            waiting(d).until(x -> x.findElement(By.id("user-message")).getText().contains("roads1"));
            JsonNode created = findUser("roads1");
            assertThat(created.path("role").asText()).isEqualTo("editor");
            assertThat(created.path("departments")).hasSize(2);
            assertThat(TestSession.loginResponse(server, "roads1", AuthFixture.PASSWORD).statusCode()).isEqualTo(200);
            // a duplicate name is refused by the server
            type(d, "new-username", "roads1");
            type(d, "new-password", AuthFixture.PASSWORD);
            js(d).executeScript("document.getElementById('new-role').value = 'viewer'");
            click(d, d.findElement(By.id("user-create")));
            waiting(d).until(x -> x.findElement(By.id("user-message")).getText().contains("已存在"));

            // make roads1 a viewer and disable it
            WebElement row = d.findElement(By.cssSelector("tr[data-username='roads1']"));
            js(d).executeScript("arguments[0].querySelector('select[name=role]').value = 'viewer'", row);
            click(d, row.findElement(By.cssSelector("input[name=disabled]")));
            click(d, row.findElement(By.cssSelector(".user-save")));
            waiting(d).until(x -> x.findElement(By.cssSelector("tr[data-username='roads1'] .row-message")).getText().contains("已保存"));
            JsonNode changed = findUser("roads1");
            assertThat(changed.path("role").asText()).isEqualTo("viewer");
            assertThat(changed.path("disabled").asBoolean()).isTrue();
            assertThat(TestSession.loginResponse(server, "roads1", AuthFixture.PASSWORD).statusCode()).isEqualTo(401);

            // a token: shown once, works as a bearer, refused once revoked
            click(d, visible(d, "token-create"));
            waiting(d).until(x -> x.findElement(By.id("token-message")).getText().contains("用途"));
            type(d, "token-name", "夜间同步脚本");
            click(d, d.findElement(By.id("token-create")));
            String token = visible(d, "token-value").getText();
            assertThat(token).startsWith("pm_");
            assertThat(visible(d, "token-table").getText()).contains("夜间同步脚本").contains("有效").doesNotContain(token);
            assertThat(TestSession.token(server, token).json("/api/auth/me").path("user").path("username").asText())
                    .isEqualTo("admin");
            b.screenshot("admin-accounts");
            d.navigate().refresh();
            waitMapReady(d);
            assertThat(d.getPageSource()).doesNotContain(token);
            // the audit log names the changes just made, with the fields that changed
            String audit = visible(d, "audit-table").getText();
            assertThat(audit).contains("新建用户").contains("修改用户").contains("创建令牌").contains("role, disabled")
                    .contains("admin");
            click(d, visible(d, "token-table").findElement(By.cssSelector(".token-revoke")));
            d.switchTo().alert().accept();
            waiting(d).until(x -> x.findElement(By.id("token-table")).getText().contains("已撤销"));
            assertThat(TestSession.token(server, token).get("/api/users").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void a_monthly_report_shows_the_photos_the_editor_ticks() throws Exception {
        TestSession editor = TestSession.login(server, "housing1", AuthFixture.PASSWORD);
        var upload = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/api/projects/"
                        + housingProject + "/photos"))
                .header("Cookie", editor.cookie()).header("X-CSRF-Token", editor.csrf()).header("Content-Type", "image/jpeg")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(projmap.progress.TestPhotos.jpegWithPosition()))
                .build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        long photo = TestServer.parse(upload.body()).path("id").asLong();
        String period = java.time.YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(4).toString();
        try (Browser b = Browser.open(1366, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/?project=" + housingProject, "housing1", AuthFixture.PASSWORD);
            waitMapReady(d);
            WebElement box = waiting(d).until(x -> x.findElement(By.cssSelector("#report-photos input[value='" + photo + "']")));
            click(d, box);
            js(d).executeScript("document.getElementById('report-period').value = arguments[0]", period);
            type(d, "report-investmentMonth", "5");
            type(d, "report-investmentCumulative", "60");
            type(d, "report-physicalPercent", "15");
            click(d, d.findElement(By.id("report-save")));
            waiting(d).until(x -> !x.findElements(By.cssSelector(".report-photos img[src$='/" + photo + "/thumbnail']")).isEmpty());
        }
        JsonNode stored = null;
        for (JsonNode r : editor.json("/api/projects/" + housingProject + "/reports")) {
            if (r.path("period").asText().equals(period)) {
                stored = r;
            }
        }
        assertThat(stored).as("the report of " + period).isNotNull();
        assertThat(stored.path("photoIds").toString()).isEqualTo("[" + photo + "]");
    }

    @Test
    void the_panel_shows_the_imported_columns_no_field_took_as_text() {
        var db = server.app().database();
        db.read(c -> {
            try (var ps = c.prepareStatement("UPDATE projects SET extra_attributes = " + db.dialect().jsonParam()
                    + " WHERE id = ?")) {
                ps.setString(1, "{\"备注\":\"<img src=x onerror=alert(2)>重点\",\"批复文号\":\"驻发改〔2017〕12号\"}");
                ps.setLong(2, parkProject);
                ps.executeUpdate();
            }
            return null;
        });
        try (Browser b = Browser.open(1366, 900, false)) {
            ChromeDriver d = b.driver();
            d.get(server.base() + "/?project=" + parkProject);
            waitMapReady(d);
            WebElement section = waiting(d).until(x -> {
                WebElement s = x.findElement(By.id("project-other"));
                return s.isDisplayed() ? s : null;
            });
            assertThat(section.getText()).contains("其他属性").contains("批复文号").contains("驻发改〔2017〕12号")
                    .contains("<img src=x onerror=alert(2)>重点");
            assertThat(d.findElements(By.cssSelector("#project-other img"))).isEmpty();
            d.get(server.base() + "/?project=" + housingProject);
            waitMapReady(d);
            waiting(d).until(x -> x.findElement(By.id("project-other")).getAttribute("hidden") != null);
        }
    }

    @Test
    void a_viewer_sees_only_their_own_tokens_on_the_admin_page() {
        AuthFixture.account(server, admin, "viewer2", "viewer");
        try (Browser b = Browser.open(1280, 900, false)) {
            ChromeDriver d = b.driver();
            logIn(d, server.base(), "/admin", "viewer2", AuthFixture.PASSWORD);
            waitMapReady(d);
            assertThat(d.findElement(By.id("users-section")).isDisplayed()).isFalse();
            assertThat(d.findElement(By.id("token-form")).isDisplayed()).isTrue();
            assertThat(d.findElement(By.id("admin-error")).getText()).isEmpty();
        }
    }

    JsonNode findUser(String username) {
        for (JsonNode u : admin.json("/api/users")) {
            if (u.path("username").asText().equals(username)) {
                return u;
            }
        }
        throw new AssertionError("no user " + username);
    }
}
