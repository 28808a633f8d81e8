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

    @BeforeAll
    void start() {
        server = AuthFixture.start(StoreKind.H2GIS, true);
        admin = TestSession.login(server, "admin", AuthFixture.ADMIN_PASSWORD);
        AuthFixture.account(server, admin, "urban1", "editor", AuthFixture.URBAN);
        for (JsonNode f : server.json("/api/projects").path("features")) {
            if (f.path("properties").path("code").asText().equals("T-003")) {
                urbanProject = f.path("id").asLong();
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
}
