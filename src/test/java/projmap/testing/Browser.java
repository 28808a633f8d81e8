package projmap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through
 * Selenium. Browser tests skip loudly when Chromium is missing — unless
 * {@code PROJMAP_REQUIRE_BROWSER=true} (as in CI), where they fail.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PROJMAP_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("PROJMAP_CHROMEDRIVER", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Opens a headless browser window of the given size; touch emulation for tablets. */
    public static Browser open(int width, int height, boolean touch) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "Chromium or ChromeDriver missing (" + CHROMIUM + ", " + CHROMEDRIVER
                    + ") — the browser suite is SKIPPED; .ci/run installs them";
            if (Boolean.parseBoolean(System.getenv().getOrDefault("PROJMAP_REQUIRE_BROWSER", "false"))) {
                throw new AssertionError("PROJMAP_REQUIRE_BROWSER=true but " + message);
            }
            SkippedSuites.record(message);
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the closed network refuses Chromium's background connections: switch them off
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=zh-CN", "--window-size=" + width + "," + height,
                "--user-data-dir=" + tempDir()));
        // console messages, so that tests can assert there are no errors
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        if (touch) {
            options.setExperimentalOption("mobileEmulation", java.util.Map.of(
                    "deviceMetrics", java.util.Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("projmap-chromium-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a PNG screenshot under target/screenshots/ (kept as a test artifact). */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
