package projmap.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import projmap.testing.Browser;
import projmap.testing.Gdal;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/**
 * The planner's web map and the dashboard in a real headless Chromium against the real server on
 * the demo city. Screenshots of each viewport are kept under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppBrowserTest {
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(StoreKind.H2GIS);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static void waitReady(ChromeDriver d) {
        new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> Boolean.TRUE.equals(
                ((JavascriptExecutor) x).executeScript("return window.projmapReady === true")));
    }

    static String count(ChromeDriver d) {
        return d.findElement(By.id("project-count")).getText().trim();
    }

    /**
     * Bytes transferred for the page before any map tile: the document and every resource
     * (scripts, styles, API answers) as the Performance API reports them, compressed as sent.
     */
    static long pageWeight(ChromeDriver d) {
        return ((Number) ((JavascriptExecutor) d).executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                return (nav ? nav.transferSize : 0) + performance.getEntriesByType('resource')
                  .filter((r) => !r.name.includes('/tiles/'))
                  .reduce((n, r) => n + r.transferSize, 0);""")).longValue();
    }

    static List<String> severeConsoleErrors(ChromeDriver d) {
        return d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @ParameterizedTest(name = "{0}x{1} touch={2}")
    @CsvSource({"1920,1080,false", "1366,768,false", "1024,768,true", "768,1024,true"})
    void the_map_shows_the_demo_projects_at_every_size(int width, int height, boolean touch) {
        try (Browser browser = Browser.open(width, height, touch)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            assertThat(count(d)).isEqualTo("532");
            Object interactiveMs = ((JavascriptExecutor) d).executeScript(
                    "const m = performance.getEntriesByName('map-interactive')[0]; return m ? m.startTime : null;");
            System.out.printf("map interactive after %s ms at %dx%d%n", interactiveMs, width, height);
            long weight = pageWeight(d);
            System.out.printf("map page weight before tiles %d bytes (%.0f KiB) at %dx%d%n", weight, weight / 1024.0, width, height);
            assertThat(weight).as("bytes over the wire before tiles (gzip)").isLessThanOrEqualTo(600L * 1024);
            browser.screenshot("map-" + width + "x" + height);
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }

    @Test
    void the_filter_changes_the_count_and_lives_in_the_url() {
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            new Select(d.findElement(By.id("filter-status"))).selectByValue("completed");
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> count((ChromeDriver) x).equals("19"));
            assertThat(d.getCurrentUrl()).contains("status=completed");

            // a shared link opens with the same filter
            d.get(server.base() + "/?status=under_construction,suspended,completed");
            waitReady(d);
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> count((ChromeDriver) x).equals("150"));
        }
    }

    @Test
    void clicking_a_project_opens_its_panel() {
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            WebElement first = d.findElement(By.cssSelector("#project-list button[data-id]"));
            String name = first.getText();
            first.click();
            WebElement panel = new WebDriverWait(d, Duration.ofSeconds(10))
                    .until(x -> x.findElement(By.id("project-panel")));
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> panel.isDisplayed()
                    && !x.findElement(By.id("project-title")).getText().isBlank());
            assertThat(name).contains(d.findElement(By.id("project-title")).getText().trim());
            browser.screenshot("project-panel");
        }
    }

    @Test
    void a_site_drawn_on_the_map_gets_its_report() {
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            d.findElement(By.id("btn-check")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.findElement(By.id("btn-draw-polygon")).isDisplayed());
            d.findElement(By.id("btn-draw-polygon")).click();
            // real pointer input, as a user draws: move to each vertex and click (Selenium Actions →
            // Chromium's input pipeline → pointer/mouse events that Leaflet and Geoman handle)
            // close enough that the vertices lie ~140 px apart (at zoom 11 they would be 17 px apart,
            // and a click would land on the previous vertex's marker)
            ((JavascriptExecutor) d).executeScript("window.projmap.map.setView(L.latLng(32.975, 114.006), 14, {animate: false})");
            WebElement mapEl = d.findElement(By.id("map"));
            org.openqa.selenium.Rectangle box = mapEl.getRect();
            var actions = new org.openqa.selenium.interactions.Actions(d);
            for (double[] ll : new double[][] {{114.00, 32.97}, {114.012, 32.97}, {114.012, 32.98}, {114.00, 32.98}}) {
                @SuppressWarnings("unchecked")
                List<Number> pt = (List<Number>) ((JavascriptExecutor) d).executeScript(
                        "const p = window.projmap.map.latLngToContainerPoint(L.latLng(arguments[1], arguments[0]));"
                                + " return [p.x, p.y];", ll[0], ll[1]);
                // offsets from the element's centre (W3C actions)
                int dx = (int) Math.round(pt.get(0).doubleValue() - box.getWidth() / 2.0);
                int dy = (int) Math.round(pt.get(1).doubleValue() - box.getHeight() / 2.0);
                // two moves: Geoman places a vertex where its hint marker is, which follows mousemove
                actions.moveToElement(mapEl, dx - 5, dy - 5).pause(Duration.ofMillis(100))
                        .moveToElement(mapEl, dx, dy).pause(Duration.ofMillis(150)).click().pause(Duration.ofMillis(400));
            }
            actions.perform();
            Object vertices = ((JavascriptExecutor) d).executeScript(
                    "const h = window.projmap.map.pm.Draw.Polygon; return h._layer ? h._layer.getLatLngs().length : -1;");
            assertThat(((Number) vertices).intValue()).as("vertices Geoman placed from pointer clicks").isEqualTo(4);
            browser.screenshot("site-check-drawing");
            d.findElement(By.id("btn-draw-finish")).click();
            WebElement report = new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> {
                WebElement r = x.findElement(By.id("check-report"));
                String t = r.getText();
                return r.isDisplayed() && (t.contains("通过") || t.contains("需关注")) ? r : null;
            });
            assertThat(report.getText()).contains("亩").contains("中心城区");
            browser.screenshot("site-check-drawn");
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }

    @Test
    void an_uploaded_geojson_site_gets_its_report() throws Exception {
        java.nio.file.Path site = java.nio.file.Files.createTempFile("site-", ".geojson");
        java.nio.file.Files.writeString(site, "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[114.01,32.97],[114.02,32.97],[114.02,32.98],[114.01,32.98],[114.01,32.97]]]}}");
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            d.findElement(By.id("btn-check")).click();
            d.findElement(By.id("check-file")).sendKeys(site.toAbsolutePath().toString());
            WebElement report = new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> {
                WebElement r = x.findElement(By.id("check-report"));
                String t = r.getText();
                return r.isDisplayed() && (t.contains("通过") || t.contains("需关注")) ? r : null;
            });
            assertThat(report.getText()).contains("亩").contains("中心城区");
            browser.screenshot("site-check-uploaded");
        }
    }

    @Test
    void the_language_switch_turns_the_page_english() {
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            assertThat(d.findElement(By.tagName("html")).getAttribute("lang")).startsWith("zh");
            new Select(d.findElement(By.id("lang-switch"))).selectByValue("en");
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x ->
                    x.findElement(By.tagName("html")).getAttribute("lang").startsWith("en"));
            browser.screenshot("map-english");
        }
    }

    @Test
    void the_dashboard_shows_the_figures_of_the_source_report() {
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/dashboard");
            waitReady(d);
            Map<String, String> expected = Map.of("stat-projects", "532", "stat-total-investment", "8354000",
                    "stat-annual-plan", "2040000", "stat-completed-investment", "304000", "stat-started", "150",
                    "stat-completed", "19");
            expected.forEach((id, value) -> assertThat(Double.parseDouble(d.findElement(By.id(id)).getAttribute("data-value")))
                    .as(id).isEqualTo(Double.parseDouble(value)));
            String text = d.findElement(By.tagName("body")).getText();
            assertThat(text).contains("835.4").contains("204.0").contains("30.4");
            long weight = pageWeight(d);
            System.out.printf("dashboard page weight %d bytes (%.0f KiB)%n", weight, weight / 1024.0);
            assertThat(weight).isLessThanOrEqualTo(600L * 1024);
            browser.screenshot("dashboard");
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }

    static WebElement reportWith(ChromeDriver d, String siteText) {
        return new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> {
            WebElement r = x.findElement(By.id("check-report"));
            String t = r.getText();
            List<WebElement> site = r.findElements(By.cssSelector(".report-site"));
            return r.isDisplayed() && (t.contains("通过") || t.contains("需关注") || t.contains("不通过"))
                    && !site.isEmpty() && site.get(0).getText().startsWith(siteText) ? r : null;
        });
    }

    @Test
    void gdal_written_kml_and_shapefile_zip_sites_get_their_reports() throws Exception {
        Gdal.require();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sites-");
        String first = "{\"type\":\"Feature\",\"properties\":{\"name\":\"地块一\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[114.01,32.97],[114.02,32.97],[114.02,32.98],[114.01,32.98],[114.01,32.97]]]}}";
        String second = "{\"type\":\"Feature\",\"properties\":{\"name\":\"地块二\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[114.03,32.97],[114.035,32.97],[114.035,32.975],[114.03,32.975],[114.03,32.97]]]}}";
        java.nio.file.Path one = java.nio.file.Files.writeString(dir.resolve("one.geojson"),
                "{\"type\":\"FeatureCollection\",\"features\":[" + first + "]}");
        java.nio.file.Path src = java.nio.file.Files.writeString(dir.resolve("two.geojson"),
                "{\"type\":\"FeatureCollection\",\"features\":[" + first + "," + second + "]}");
        java.nio.file.Path kml = dir.resolve("site.kml");
        assertThat(Gdal.run("ogr2ogr", "-f", "KML", kml.toString(), one.toString()).exitCode()).isZero();
        java.nio.file.Path shpDir = java.nio.file.Files.createDirectories(dir.resolve("shp"));
        Gdal.Run shp = Gdal.run("ogr2ogr", "-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547",
                shpDir.resolve("site.shp").toString(), src.toString());
        assertThat(shp.exitCode()).as(shp.output()).isZero();
        java.nio.file.Path zip = dir.resolve("site-4547.zip");
        try (var z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip));
             var parts = java.nio.file.Files.list(shpDir)) {
            for (java.nio.file.Path part : parts.toList()) {
                z.putNextEntry(new java.util.zip.ZipEntry(part.getFileName().toString()));
                z.write(java.nio.file.Files.readAllBytes(part));
                z.closeEntry();
            }
        }
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            d.findElement(By.id("btn-check")).click();
            d.findElement(By.id("check-file")).sendKeys(kml.toAbsolutePath().toString());
            WebElement report = reportWith(d, "面 ·");
            assertThat(report.getText()).contains("亩").contains("中心城区");
            browser.screenshot("site-check-kml");

            d.findElement(By.id("check-file")).sendKeys(zip.toAbsolutePath().toString());
            report = reportWith(d, "多面 ·");
            assertThat(report.getText()).contains("亩").contains("中心城区");
            // the site the server read (Gauss–Krüger zone 38) is drawn on the map in lon/lat
            Object drawn = ((JavascriptExecutor) d).executeScript(
                    "return document.querySelectorAll('.leaflet-overlay-pane path[stroke=\"#CC79A7\"]').length");
            assertThat(((Number) drawn).intValue()).isGreaterThanOrEqualTo(1);
            browser.screenshot("site-check-shapefile");

            // a file that is no site: the server's message, in the panel
            java.nio.file.Path junk = dir.resolve("junk.zip");
            java.nio.file.Files.write(junk, new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3});
            d.findElement(By.id("check-file")).sendKeys(junk.toAbsolutePath().toString());
            new WebDriverWait(d, Duration.ofSeconds(20)).until(x ->
                    !x.findElements(By.cssSelector("#check-report .report-error")).isEmpty());
        }
    }

    @Test
    void the_dashboard_downloads_the_table_it_shows_as_xlsx() throws Exception {
        java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("downloads-");
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                    "downloadPath", downloads.toAbsolutePath().toString()));
            // the map's filter comes along in the dashboard link
            d.get(server.base() + "/dashboard?status=under_construction,completed,suspended");
            waitReady(d);
            assertThat(d.findElement(By.id("stat-projects")).getAttribute("data-value")).isEqualTo("150");
            // sort the status table by project count, then export it
            d.findElement(By.cssSelector("#table-status thead th:nth-child(2) button")).click();
            List<String> shown = d.findElements(By.cssSelector("#table-status tbody th")).stream().map(WebElement::getText).toList();
            List<String> shownCounts = d.findElements(By.cssSelector("#table-status tbody td:nth-of-type(1)"))
                    .stream().map(WebElement::getText).toList();
            d.findElement(By.id("xlsx-status")).click();
            java.nio.file.Path file = downloads.resolve("projmap-status.xlsx");
            new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> java.nio.file.Files.isRegularFile(file));
            try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(java.nio.file.Files.newInputStream(file))) {
                var sheet = wb.getSheetAt(0);
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("状态");
                assertThat(sheet.getLastRowNum()).isEqualTo(shown.size() + 1);
                for (int i = 0; i < shown.size(); i++) {
                    var row = sheet.getRow(i + 1);
                    assertThat(row.getCell(0).getStringCellValue()).isEqualTo(shown.get(i));
                    assertThat(String.valueOf((long) row.getCell(2).getNumericCellValue()))
                            .isEqualTo(shownCounts.get(i).replace(",", ""));
                }
                var total = sheet.getRow(shown.size() + 1);
                Map<Integer, String> headline = Map.of(2, "stat-projects", 3, "stat-total-investment",
                        4, "stat-annual-plan", 5, "stat-completed-investment", 7, "stat-started", 9, "stat-completed");
                headline.forEach((col, id) -> assertThat(total.getCell(col).getNumericCellValue()).as(id)
                        .isCloseTo(Double.parseDouble(d.findElement(By.id(id)).getAttribute("data-value")),
                                org.assertj.core.api.Assertions.within(0.01)));
            }
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }

    @Test
    void projects_are_coloured_by_status_category_or_compliance_with_the_legend_following() {
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            d.findElement(By.id("btn-layers")).click();
            assertThat(legendKeys(d)).containsExactly("planned", "preparing", "under_construction", "completed", "suspended");
            assertThat(legendTotal(d)).isEqualTo(532);

            new Select(d.findElement(By.id("colour-by"))).selectByValue("category");
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> legendKeys((ChromeDriver) x).contains("roads"));
            assertThat(legendKeys(d)).hasSize(11);
            assertThat(legendTotal(d)).isEqualTo(532);
            assertThat(d.getCurrentUrl()).contains("colour=category");
            // markers drop the status shapes and take the category colour
            Object statusShaped = ((JavascriptExecutor) d).executeScript(
                    "return document.querySelectorAll('.project-marker[class*=\"status-\"]').length");
            assertThat(((Number) statusShaped).intValue()).isZero();
            browser.screenshot("map-colour-category");

            new Select(d.findElement(By.id("colour-by"))).selectByValue("compliance");
            // the verdicts come from /api/checks/summary, which checks every project the first time
            new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> legendKeys((ChromeDriver) x).contains("pass")
                    && x.findElements(By.cssSelector("#layers-panel .layer-note[role=status]")).isEmpty());
            assertThat(legendKeys(d)).containsExactly("pass", "warn", "fail", "unchecked");
            assertThat(legendTotal(d)).isEqualTo(532);
            Object verdictMarkers = ((JavascriptExecutor) d).executeScript(
                    "return document.querySelectorAll('.project-marker[class*=\"verdict-\"], .project-cluster').length");
            assertThat(((Number) verdictMarkers).intValue()).isPositive();
            browser.screenshot("map-colour-compliance");

            // a shared link opens with the same colouring
            d.get(server.base() + "/?colour=category");
            waitReady(d);
            d.findElement(By.id("btn-layers")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> legendKeys((ChromeDriver) x).contains("roads"));
            assertThat(new Select(d.findElement(By.id("colour-by"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("category");
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }

    /** How many of the summary's projects have each verdict ("unchecked" for those without a check). */
    Map<String, Integer> verdictCounts() {
        com.fasterxml.jackson.databind.JsonNode summary = server.json("/api/checks/summary");
        Map<String, Integer> counts = new java.util.HashMap<>(Map.of("pass", 0, "warn", 0, "fail", 0, "unchecked", 0));
        for (com.fasterxml.jackson.databind.JsonNode row : summary.path("projects")) {
            counts.merge(row.path("overall").isTextual() ? row.path("overall").asText() : "unchecked", 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void the_verdict_filter_shows_the_projects_the_summary_judges_so_and_lives_in_the_url() {
        int fails = verdictCounts().get("fail");
        assertThat(fails).as("the demo city has failing sites").isPositive();
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            new Select(d.findElement(By.id("filter-verdict"))).selectByValue("fail");
            new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> count((ChromeDriver) x).equals(String.valueOf(fails)));
            assertThat(d.findElements(By.cssSelector("#project-list button[data-id]"))).hasSize(Math.min(fails, 200));
            assertThat(d.getCurrentUrl()).contains("verdict=fail");
            assertThat(d.findElement(By.id("link-dashboard")).getAttribute("href")).contains("verdict=fail");
            // with a status filter as well: the failing projects of that status, as the summary rows say
            com.fasterxml.jackson.databind.JsonNode rows = server.json("/api/checks/summary").path("projects");
            String status = null;
            for (com.fasterxml.jackson.databind.JsonNode row : rows) {
                if ("fail".equals(row.path("overall").asText())) {
                    status = row.path("status").asText();
                    break;
                }
            }
            int failsOfStatus = 0;
            for (com.fasterxml.jackson.databind.JsonNode row : rows) {
                if ("fail".equals(row.path("overall").asText()) && status.equals(row.path("status").asText())) {
                    failsOfStatus++;
                }
            }
            int expected = failsOfStatus;
            new Select(d.findElement(By.id("filter-status"))).selectByValue(status);
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> count((ChromeDriver) x).equals(String.valueOf(expected)));
            assertThat(d.getCurrentUrl()).contains("status=" + status).contains("verdict=fail");
            browser.screenshot("map-filter-verdict-fail");

            // a shared link opens with the verdict filter, the form showing it
            d.get(server.base() + "/?verdict=fail");
            waitReady(d);
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> count((ChromeDriver) x).equals(String.valueOf(fails)));
            assertThat(new Select(d.findElement(By.id("filter-verdict"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("fail");
            d.get(server.base() + "/?verdict=fail&status=" + status);
            waitReady(d);
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> count((ChromeDriver) x).equals(String.valueOf(expected)));
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }

    @Test
    void the_dashboard_compliance_overview_matches_the_summary_and_every_figure_opens_the_filtered_map() {
        com.fasterxml.jackson.databind.JsonNode totals = server.json("/api/checks/summary").path("totals");
        Map<String, Integer> counts = verdictCounts();
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/dashboard");
            waitReady(d);
            new WebDriverWait(d, Duration.ofSeconds(120)).until(x ->
                    "true".equals(x.findElement(By.id("compliance")).getAttribute("data-ready")));
            for (String v : List.of("pass", "warn", "fail", "unchecked")) {
                assertThat(d.findElement(By.id("compliance-" + v)).getAttribute("data-value")).as(v)
                        .isEqualTo(String.valueOf(totals.path(v).asInt()))
                        .isEqualTo(String.valueOf(counts.get(v)));
            }
            assertThat(Double.parseDouble(d.findElement(By.id("compliance-restricted")).getAttribute("data-value")))
                    .isEqualTo(totals.path("restrictedAreaMu").asDouble());
            assertThat(d.findElement(By.id("compliance-restricted")).getText())
                    .contains(String.format(java.util.Locale.ROOT, "%,.2f", totals.path("restrictedAreaMu").asDouble())).contains("亩");
            browser.screenshot("dashboard-compliance");
            long weight = pageWeight(d);
            System.out.printf("dashboard page weight with the compliance summary %d bytes (%.0f KiB)%n", weight, weight / 1024.0);
            assertThat(weight).isLessThanOrEqualTo(600L * 1024);

            // headline cards, chart bars, table rows and the small map all link to the map
            assertThat(d.findElement(By.cssSelector("#stat-started .card-value a")).getAttribute("href"))
                    .endsWith("/?status=under_construction%2Ccompleted%2Csuspended");
            assertThat(d.findElements(By.cssSelector("#breakdown-category svg a.bar-link")))
                    .hasSize(d.findElements(By.cssSelector("#table-category tbody tr")).size()).isNotEmpty();
            assertThat(d.findElement(By.cssSelector("#breakdown-district svg a.bar-link")).getDomAttribute("href")).startsWith("./?district=");
            assertThat(d.findElement(By.id("dash-map-open")).getAttribute("href")).isEqualTo(server.base() + "/");
            d.findElement(By.cssSelector("#stat-completed .card-value a")).click();
            waitReady(d);
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> count((ChromeDriver) x).equals("19"));

            // a verdict count opens the map filtered by that verdict
            d.navigate().back();
            waitReady(d);
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x ->
                    "true".equals(x.findElement(By.id("compliance")).getAttribute("data-ready")));
            d.findElement(By.cssSelector("#compliance-fail .card-value a")).click();
            waitReady(d);
            assertThat(d.getCurrentUrl()).contains("verdict=fail");
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> count((ChromeDriver) x).equals(String.valueOf(counts.get("fail"))));

            // ... and the map's dashboard link brings the verdict back: figures of those projects only
            d.findElement(By.id("link-dashboard")).click();
            waitReady(d);
            assertThat(d.findElement(By.id("stat-projects")).getAttribute("data-value")).isEqualTo(String.valueOf(counts.get("fail")));
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x ->
                    "true".equals(x.findElement(By.id("compliance")).getAttribute("data-ready")));
            assertThat(d.findElement(By.id("compliance-fail")).getAttribute("data-value")).isEqualTo(String.valueOf(counts.get("fail")));
            assertThat(d.findElement(By.id("compliance-pass")).getAttribute("data-value")).isEqualTo("0");
            assertThat(d.findElements(By.cssSelector("#compliance-pass a"))).as("no link to projects the filter leaves out").isEmpty();
            assertThat(d.findElement(By.id("xlsx-status")).isEnabled()).as("the server's XLSX cannot apply a verdict").isFalse();
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }

    /** The legend's keys, read in one script: the panel re-renders (zoom, counts) while a test reads it. */
    @SuppressWarnings("unchecked")
    static List<String> legendKeys(ChromeDriver d) {
        return (List<String>) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#project-legend li')].map((li) => li.dataset.key);");
    }

    /** The sum of the legend's counts, "通过 (418)" → 418. */
    static int legendTotal(ChromeDriver d) {
        return ((Number) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#project-legend li')]"
                        + ".reduce((n, li) => n + Number((li.textContent.match(/\\((\\d+)\\)$/) || [0, 0])[1]), 0);")).intValue();
    }

    @Test
    void gauss_krueger_coordinates_under_the_cursor_on_request() {
        try (Browser browser = Browser.open(1366, 768, false)) {
            ChromeDriver d = browser.driver();
            d.get(server.base() + "/");
            waitReady(d);
            assertThat(d.findElement(By.id("coords-gk")).isDisplayed()).isFalse();
            Object loaded = ((JavascriptExecutor) d).executeScript("return typeof window.proj4");
            assertThat(loaded).as("proj4js is not loaded until asked for").isEqualTo("undefined");
            d.findElement(By.id("btn-gk")).click();
            // Zhumadian centre: gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4547 gives E 501869.486, N 3650530.135
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> {
                ((JavascriptExecutor) x).executeScript("window.projmap.map.fire('mousemove', {latlng: L.latLng(32.98, 114.02)})");
                return x.findElement(By.id("coords-gk")).getText().contains("3650530.14");
            });
            assertThat(d.findElement(By.id("coords-gk")).getText()).contains("EPSG:4547").contains("501869.49").contains("38");
            assertThat(d.findElement(By.id("coords")).getText()).contains("114.02000").contains("32.98000");
            browser.screenshot("map-gauss-krueger");
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }
}
