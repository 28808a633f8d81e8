package projmap.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/**
 * A server with {@code PROJMAP_PUBLIC_READ=false}: nothing but health, the log-in and the static
 * page shells answers without a session or token. Access rules do not depend on the store, so
 * this runs on the embedded one only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivateServerTest {
    static final List<String> READ_ROUTES = List.of("/api/projects", "/api/projects/1", "/api/stats", "/api/layers",
            "/api/zones/central-urban-area", "/api/projects/1/history", "/api/users", "/api/audit", "/api/auth/tokens");

    TestServer server;

    @BeforeAll
    void start() {
        server = AuthFixture.start(StoreKind.H2GIS, false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anonymous_callers_get_401_on_every_read_route() {
        for (String path : READ_ROUTES) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(TestServer.parse(r.body()).path("error").asText()).as(path).isEqualTo("unauthenticated");
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.get("/login.html").statusCode()).isEqualTo(200);
    }

    @Test
    void a_signed_in_viewer_and_a_token_may_read() {
        TestSession admin = TestSession.login(server, "admin", AuthFixture.ADMIN_PASSWORD);
        TestSession viewer = AuthFixture.account(server, admin, "reader", "viewer");
        assertThat(viewer.json("/api/projects").path("features")).hasSize(3);
        assertThat(viewer.get("/api/stats").statusCode()).isEqualTo(200);
        String token = TestServer.parse(viewer.post("/api/auth/tokens", "{\"name\":\"qgis\"}").body()).path("token").asText();
        assertThat(TestSession.token(server, token).json("/api/projects").path("features")).hasSize(3);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void one_address_is_throttled_after_twenty_failures_across_accounts() {
        for (int i = 0; i < LoginThrottle.DEFAULT_MAX_PER_ADDRESS; i++) {
            assertThat(TestSession.loginResponse(server, "someone" + i, "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = TestSession.loginResponse(server, "admin", AuthFixture.ADMIN_PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    }
}
