package projmap.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
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

/**
 * Two app instances on one store see the same log-in lock-out and the same tour PIN lock-out: a
 * guesser cannot double the budget by alternating between them. On both stores.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedLockoutTest {
    @Parameter
    StoreKind kind;

    TestServer first;
    TestServer second;
    TestSession admin;

    @BeforeParameterizedClassInvocation
    void start() {
        first = AuthFixture.start(kind, true);
        second = first.secondInstance();
        admin = TestSession.login(first, "admin", AuthFixture.ADMIN_PASSWORD);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void failed_log_ins_on_one_instance_lock_the_account_on_the_other() {
        AuthFixture.account(first, admin, "viewer1", "viewer");
        for (int i = 0; i < LoginThrottle.DEFAULT_MAX_PER_ACCOUNT; i++) {
            TestServer via = i % 2 == 0 ? first : second;
            assertThat(TestSession.loginResponse(via, "viewer1", "wrong-" + i).statusCode()).isEqualTo(401);
        }
        for (TestServer via : new TestServer[] {first, second}) {
            HttpResponse<String> locked = TestSession.loginResponse(via, "viewer1", AuthFixture.PASSWORD);
            assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
            assertThat(TestServer.parse(locked.body()).path("error").asText()).isEqualTo("too_many_attempts");
            assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        }
        // other accounts are not locked (the address budget is larger)
        assertThat(TestSession.loginResponse(second, "admin", AuthFixture.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void wrong_pins_on_one_instance_lock_the_tour_link_on_the_other() {
        long projectId = first.json("/api/projects").path("features").get(0).path("id").asLong();
        HttpResponse<String> created = admin.post("/api/tours",
                "{\"title\":\"观摩\",\"date\":\"2026-12-01\",\"stops\":[{\"projectId\":" + projectId + "}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long tourId = TestServer.parse(created.body()).path("id").asLong();
        HttpResponse<String> published = admin.post("/api/tours/" + tourId + "/publish", "{\"pin\":\"4821\"}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        JsonNode link = TestServer.parse(published.body());
        String path = "/api/tour/" + link.path("token").asText();
        for (int i = 0; i < 5; i++) {
            TestServer via = i % 2 == 0 ? first : second;
            assertThat(via.get(path, Map.of("X-Tour-Pin", "000" + i)).statusCode()).isEqualTo(401);
        }
        for (TestServer via : new TestServer[] {first, second}) {
            HttpResponse<String> locked = via.get(path, Map.of("X-Tour-Pin", "4821"));
            assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
            assertThat(TestServer.parse(locked.body()).path("error").asText()).isEqualTo("pin_locked");
        }
    }
}
