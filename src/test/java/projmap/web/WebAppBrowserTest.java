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
            // the vertices go to the drawing tool as Leaflet map clicks at lon/lat positions (headless
            // pointer clicks do not reach Geoman's handler reliably); "finish" is a real click
            ((JavascriptExecutor) d).executeScript("""
                    const map = window.projmap.map;
                    for (const [lon, lat] of [[114.00, 32.97], [114.012, 32.97], [114.012, 32.98], [114.00, 32.98]]) {
                      const latlng = L.latLng(lat, lon);
                      map.fire('click', {latlng, layerPoint: map.latLngToLayerPoint(latlng),
                                         containerPoint: map.latLngToContainerPoint(latlng), originalEvent: new MouseEvent('click')});
                    }""");
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
            browser.screenshot("dashboard");
            assertThat(severeConsoleErrors(d)).isEmpty();
        }
    }
}
