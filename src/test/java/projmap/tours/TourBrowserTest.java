package projmap.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import projmap.testing.Browser;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/**
 * The tablet tour end to end in headless Chromium with touch, landscape and portrait: it opens
 * from its link, a swipe moves between stops, the offline download completes, and with the
 * browser offline and the server gone the tour still opens and shows every stop and its tiles.
 * (Browser behaviour, so one store; the store behaviour is in {@link TourApiTest} on both.)
 */
class TourBrowserTest {
    static final Path FIGURES = Path.of("target", "tour-figures.txt");

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1024,768", "768,1024"})
    void a_tour_opens_from_its_link_swipes_downloads_and_works_offline(int width, int height) throws Exception {
        String shot = "tour-" + width + "x" + height;
        List<String> names = new ArrayList<>();
        String url;
        String tileProbe;
        TestServer server = TestServer.start(StoreKind.H2GIS);
        try (Browser browser = Browser.open(width, height, true)) {
            try {
                JsonNode features = server.json("/api/projects").path("features");
                StringBuilder stops = new StringBuilder();
                for (int i : new int[] {0, 40, 80}) {
                    JsonNode f = features.get(i);
                    names.add(f.path("properties").path("name").asText());
                    stops.append(stops.length() == 0 ? "" : ",").append("{\"projectId\":").append(f.path("id").asLong())
                            .append(",\"notes\":\"请汇报第").append(names.size()).append("站进展\"}");
                }
                TestSession planner = TestSession.token(server, TourApiTest.plannerToken(server));
                var created = planner.post("/api/tours",
                        "{\"title\":\"市领导观摩\",\"date\":\"2026-12-01\",\"stops\":[" + stops + "]}");
                long id = TestServer.parse(created.body()).path("id").asLong();
                url = server.base() + TestServer.parse(planner.post("/api/tours/" + id + "/publish", "{}").body())
                        .path("url").asText();
                JsonNode layers = server.json("/api/layers");
                tileProbe = null;

                ChromeDriver d = browser.driver();
                d.get(url);
                waitReady(d);
                assertThat(text(d, "stop-title")).isEqualTo(names.get(0));
                assertThat(text(d, "stop-notes")).contains("第1站");
                assertThat(text(d, "stop-counter")).isEqualTo("1 / 3");
                // every control is at least 44 px
                Number smallest = (Number) js(d, "return Math.min(...[...document.querySelectorAll('.tour-bar button')]"
                        + ".map(b => Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height)))");
                assertThat(smallest.doubleValue()).isGreaterThanOrEqualTo(44);
                browser.screenshot(shot + "-1-open");

                swipe(d, -1);
                waitText(d, "stop-title", names.get(1));
                assertThat(text(d, "stop-counter")).isEqualTo("2 / 3");
                swipe(d, +1);
                waitText(d, "stop-title", names.get(0));
                d.findElement(By.id("btn-next")).click();
                waitText(d, "stop-title", names.get(1));
                browser.screenshot(shot + "-2-swiped");

                d.findElement(By.id("btn-overview")).click();
                assertThat(d.findElements(By.cssSelector("#overview-list button"))).hasSize(3);
                browser.screenshot(shot + "-3-overview");
                d.findElement(By.cssSelector("#overview-list button[data-stop='3']")).click();
                waitText(d, "stop-title", names.get(2));
                assertThat(d.getCurrentUrl()).isEqualTo(url + "#stop=3");

                // the service worker controls the page before the download, as on a tablet after the first visit
                new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> Boolean.TRUE.equals(
                        js(x, "return !!navigator.serviceWorker.controller")) || reload(x));
                waitReady(d);

                d.findElement(By.id("btn-download")).click();
                new WebDriverWait(d, Duration.ofSeconds(240)).until(x ->
                        x.findElement(By.id("download-status")).getAttribute("data-done") != null);
                assertThat(d.findElement(By.id("download-status")).getAttribute("data-done")).isEqualTo("true");
                long bytes = Long.parseLong(d.findElement(By.id("download-status")).getAttribute("data-bytes"));
                long files = Long.parseLong(d.findElement(By.id("download-status")).getAttribute("data-files"));
                browser.screenshot(shot + "-4-downloaded");
                tileProbe = (String) js(d, "return window.projmapTour.state.layers.length ? "
                        + "new URL(window.projmapTour.state.layers[0].tiles.replace('{z}', 17).replace('{x}', "
                        + "Math.floor((window.projmapTour.state.tour.stops[0].center[0] + 180) / 360 * 131072))"
                        + ".replace('{y}', Math.floor((1 - Math.asinh(Math.tan(window.projmapTour.state.tour.stops[0].center[1] * Math.PI / 180)) / Math.PI) / 2 * 131072)), document.baseURI).href : null");
                assertThat(layers.isEmpty() || tileProbe != null).isTrue();

                // airplane mode: the browser offline and the server gone
                d.executeCdpCommand("Network.enable", Map.of());
                d.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                        "downloadThroughput", -1, "uploadThroughput", -1));
                server.close();
                server = null;
                d.get(url);
                waitReady(d);
                double firstStopMs = ((Number) js(d, "return performance.getEntriesByName('tour-first-stop')[0].startTime")).doubleValue();
                assertThat(d.findElement(By.id("tour-banner")).getAttribute("data-downloaded-at")).isNotEmpty();
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        d.findElement(By.id("btn-next")).click();
                    }
                    waitText(d, "stop-title", names.get(i));
                }
                if (tileProbe != null) {
                    Object status = ((JavascriptExecutor) d).executeAsyncScript(
                            "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status), e => done(String(e)))", tileProbe);
                    assertThat(status).isIn(200L, 204L);
                }
                Thread.sleep(1500); // let the canvas tiles paint for the screenshot
                browser.screenshot(shot + "-5-offline");
                Files.writeString(FIGURES, "%dx%d: 3 stops, %d files, %d bytes, first stop from cache %.0f ms%n"
                        .formatted(width, height, files, bytes, firstStopMs), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (Throwable e) {
                browser.screenshot(shot + "-failed");
                throw e;
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    static boolean reload(org.openqa.selenium.WebDriver d) {
        d.navigate().refresh();
        return false;
    }

    static void waitReady(ChromeDriver d) {
        new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> Boolean.TRUE.equals(js(x, "return window.projmapTour && window.projmapTour.ready")));
    }

    static void waitText(ChromeDriver d, String id, String expected) {
        new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> expected.equals(x.findElement(By.id(id)).getText().strip()));
    }

    static String text(ChromeDriver d, String id) {
        return d.findElement(By.id(id)).getText().strip();
    }

    static Object js(org.openqa.selenium.WebDriver d, String script) {
        return ((JavascriptExecutor) d).executeScript(script);
    }

    /** A horizontal swipe across the card by touch: direction -1 to the left (next), +1 to the right. */
    static void swipe(ChromeDriver d, int direction) throws IOException, InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) js(d, "const r = document.getElementById('stop-card').getBoundingClientRect();"
                + "return {x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 120)}");
        double x = ((Number) r.get("x")).doubleValue();
        double y = ((Number) r.get("y")).doubleValue();
        double dx = direction * 150;
        touch(d, "touchStart", x - dx / 2, y);
        for (int i = 1; i <= 5; i++) {
            touch(d, "touchMove", x - dx / 2 + dx * i / 5, y);
            Thread.sleep(16);
        }
        d.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchEnd", "touchPoints", List.of()));
    }

    static void touch(ChromeDriver d, String type, double x, double y) {
        d.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type,
                "touchPoints", List.of(Map.of("x", x, "y", y))));
    }
}
