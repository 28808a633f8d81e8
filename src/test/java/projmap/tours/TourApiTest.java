package projmap.tours;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** Tours and their links over real HTTP on the demo city, on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TourApiTest {
    @Parameter
    StoreKind kind;

    TestServer server;
    TestSession planner;
    List<JsonNode> projects;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.start(kind);
        planner = TestSession.token(server, plannerToken(server));
        projects = new ArrayList<>();
        server.json("/api/projects").path("features").forEach(projects::add);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Tours are the planner's: an API token of the first administrator (who may do what a planner may). */
    static String plannerToken(TestServer server) {
        var db = server.app().database();
        var users = new projmap.auth.UserStore(db);
        return new projmap.auth.SessionStore(db, users, java.time.Clock.systemUTC())
                .createToken(users.findByUsername("admin").orElseThrow(), "tour tests", null).token();
    }

    long projectId(int i) {
        return projects.get(i).path("id").asLong();
    }

    String name(int i) {
        return projects.get(i).path("properties").path("name").asText();
    }

    String tourBody(String title, int... projectIndexes) {
        StringBuilder stops = new StringBuilder();
        for (int i : projectIndexes) {
            stops.append(stops.length() == 0 ? "" : ",").append("{\"projectId\":").append(projectId(i))
                    .append(",\"notes\":\"要点 ").append(i).append("\"}");
        }
        return "{\"title\":\"" + title + "\",\"date\":\"2026-12-01\",\"audience\":\"市领导\",\"stops\":[" + stops + "]}";
    }

    JsonNode create(String title, int... projectIndexes) {
        HttpResponse<String> r = planner.post("/api/tours", tourBody(title, projectIndexes));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.parse(r.body());
    }

    JsonNode publish(long tourId, String body) {
        HttpResponse<String> r = planner.post("/api/tours/" + tourId + "/publish", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.parse(r.body());
    }

    HttpResponse<String> put(String path, String body, Map<String, String> headers) {
        return planner.send("PUT", path, body, headers);
    }

    HttpResponse<String> send(String method, String path) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    @Test
    void a_planner_creates_lists_gets_updates_and_reorders_a_tour() {
        JsonNode t = create("重点项目观摩", 0, 1, 2);
        long id = t.path("id").asLong();
        assertThat(t.path("version").asInt()).isEqualTo(1);
        assertThat(t.path("date").asText()).isEqualTo("2026-12-01");
        assertThat(t.path("audience").asText()).isEqualTo("市领导");
        assertThat(t.path("stops")).hasSize(3);
        assertThat(t.path("stops").get(0).path("projectId").asLong()).isEqualTo(projectId(0));
        assertThat(t.path("stops").get(0).path("notes").asText()).isEqualTo("要点 0");

        JsonNode list = planner.json("/api/tours");
        assertThat(list.findValues("id").stream().map(JsonNode::asLong)).contains(id);

        HttpResponse<String> reordered = put("/api/tours/" + id, tourBody("重点项目观摩（修订）", 2, 0), Map.of("If-Match", "\"1\""));
        assertThat(reordered.statusCode()).as(reordered.body()).isEqualTo(200);
        JsonNode r = planner.json("/api/tours/" + id);
        assertThat(r.path("title").asText()).isEqualTo("重点项目观摩（修订）");
        assertThat(r.path("version").asInt()).isEqualTo(2);
        assertThat(r.path("stops")).hasSize(2);
        assertThat(r.path("stops").get(0).path("projectId").asLong()).isEqualTo(projectId(2));
        assertThat(r.path("stops").get(1).path("projectId").asLong()).isEqualTo(projectId(0));

        HttpResponse<String> stale = put("/api/tours/" + id, tourBody("x", 1), Map.of("If-Match", "\"1\""));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(TestServer.parse(stale.body()).path("error").asText()).isEqualTo("version_conflict");
    }

    @Test
    void a_tour_is_refused_with_the_parameter_named_when_it_is_not_right() {
        HttpResponse<String> noTitle = planner.post("/api/tours", "{\"stops\":[]}");
        assertThat(noTitle.statusCode()).isEqualTo(400);
        assertThat(noTitle.body()).contains("title");
        HttpResponse<String> unknown = planner.post("/api/tours",
                "{\"title\":\"t\",\"stops\":[{\"projectId\":987654321}]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(unknown.body()).path("error").asText()).isEqualTo("unknown_project");
        assertThat(planner.post("/api/tours", "{\"title\":\"t\",\"date\":\"1 May\"}").statusCode()).isEqualTo(400);
        assertThat(planner.post("/api/tours", "{not json").statusCode()).isEqualTo(400);
        assertThat(planner.get("/api/tours/987654321").statusCode()).isEqualTo(404);
        assertThat(planner.post("/api/tours/987654321/publish", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void a_published_link_carries_a_256_bit_token_and_opens_only_the_tours_stops() {
        JsonNode t = create("观摩", 3, 4);
        JsonNode link = publish(t.path("id").asLong(), "{\"expiresAt\":\"" + Instant.now().plus(2, ChronoUnit.DAYS) + "\"}");
        String token = link.path("token").asText();
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(link.path("url").asText()).isEqualTo("/tour/" + token);
        assertThat(link.path("expiresAt").asText()).isNotEmpty();

        HttpResponse<String> r = server.get("/api/tour/" + token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode doc = TestServer.parse(r.body());
        assertThat(doc.path("title").asText()).isEqualTo("观摩");
        assertThat(doc.path("stops")).hasSize(2);
        JsonNode first = doc.path("stops").get(0);
        assertThat(first.path("name").asText()).isEqualTo(name(3));
        assertThat(first.path("notes").asText()).isEqualTo("要点 3");
        assertThat(first.path("category").path("zh").asText()).isNotEmpty();
        assertThat(first.path("status").path("code").asText()).isNotEmpty();
        assertThat(first.has("totalInvestment")).isTrue();
        assertThat(first.has("completedInvestment")).isTrue();
        assertThat(first.path("dates").has("plannedStart")).isTrue();
        assertThat(first.path("geometry").path("type").asText()).isNotEmpty();
        assertThat(first.path("check").path("overall").asText()).isIn("pass", "warn", "fail");
        assertThat(doc.path("stops").get(1).path("name").asText()).isEqualTo(name(4));
        assertThat(doc.path("bbox")).hasSize(4);

        // nothing of the register beyond the two stops: no other project's name, no ids, no contacts
        for (int i = 0; i < projects.size(); i++) {
            if (i != 3 && i != 4 && !name(i).equals(name(3)) && !name(i).equals(name(4))) {
                assertThat(r.body()).doesNotContain("\"" + name(i) + "\"");
            }
        }
        assertThat(doc.findValues("contactPhone")).isEmpty();
        assertThat(doc.findValues("contactName")).isEmpty();
        assertThat(doc.findValues("leader")).isEmpty();
        assertThat(doc.findValues("projectId")).isEmpty();
        assertThat(doc.findValues("id")).isEmpty();

        HttpResponse<String> page = server.get(link.path("url").asText());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("tour.js");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void tokens_are_unique_and_a_wrong_token_is_the_same_404_as_a_malformed_one() {
        JsonNode t = create("观摩", 5);
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(publish(t.path("id").asLong(), "{}").path("token").asText());
        }
        assertThat(tokens).hasSize(20);
        String real = tokens.iterator().next();
        char last = real.charAt(real.length() - 1);
        String neighbour = real.substring(0, real.length() - 1) + (last == 'A' ? 'B' : 'A');
        HttpResponse<String> wrong = server.get("/api/tour/" + neighbour);
        HttpResponse<String> malformed = server.get("/api/tour/1");
        HttpResponse<String> sqlish = server.get("/api/tour/'%20OR%20'1'='1");
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(sqlish.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).isEqualTo(malformed.body());
        assertThat(server.get("/tour/" + neighbour).statusCode()).isEqualTo(404);
        // the tour id is not a token
        assertThat(server.get("/api/tour/" + t.path("id").asText()).statusCode()).isEqualTo(404);
    }

    @Test
    void expired_and_revoked_links_get_a_clear_410() throws Exception {
        JsonNode t = create("观摩", 6);
        long id = t.path("id").asLong();
        String expiring = publish(id, "{}").path("token").asText();
        String tokenHash = TourSecrets.hashToken(expiring);
        server.app().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tour_links SET expires_at = ? WHERE token_hash = ?")) {
                ps.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
                ps.setString(2, tokenHash);
                return ps.executeUpdate();
            }
        });
        HttpResponse<String> expired = server.get("/api/tour/" + expiring);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(TestServer.parse(expired.body()).path("error").asText()).isEqualTo("link_expired");
        HttpResponse<String> expiredPage = server.get("/tour/" + expiring);
        assertThat(expiredPage.statusCode()).isEqualTo(410);
        assertThat(expiredPage.body()).contains("此观摩链接已过期").contains("expired");

        String live = publish(id, "{}").path("token").asText();
        assertThat(server.get("/api/tour/" + live).statusCode()).isEqualTo(200);
        HttpResponse<String> revoke = planner.post("/api/tours/" + id + "/revoke", "");
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(revoke.body()).path("revoked").asInt()).isEqualTo(2); // the expired one too
        HttpResponse<String> revoked = server.get("/api/tour/" + live);
        assertThat(revoked.statusCode()).isEqualTo(410);
        assertThat(TestServer.parse(revoked.body()).path("error").asText()).isEqualTo("link_revoked");
        assertThat(server.get("/tour/" + live).body()).contains("已被撤销");

        assertThat(planner.post("/api/tours/" + id + "/publish",
                "{\"expiresAt\":\"2020-01-01T00:00:00Z\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void a_pin_protected_link_needs_its_pin_and_locks_after_five_wrong_ones() {
        JsonNode t = create("观摩", 7);
        JsonNode link = publish(t.path("id").asLong(), "{\"pin\":\"4821\"}");
        assertThat(link.path("pinProtected").asBoolean()).isTrue();
        String path = "/api/tour/" + link.path("token").asText();
        HttpResponse<String> none = server.get(path);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(TestServer.parse(none.body()).path("error").asText()).isEqualTo("pin_required");
        assertThat(server.get(path, Map.of("X-Tour-Pin", "4821")).statusCode()).isEqualTo(200);
        for (int i = 0; i < TourService.PIN_ATTEMPTS; i++) {
            assertThat(server.get(path, Map.of("X-Tour-Pin", "0000")).statusCode()).isEqualTo(401);
        }
        // locked now, even with the right PIN
        assertThat(server.get(path, Map.of("X-Tour-Pin", "4821")).statusCode()).isEqualTo(429);
        // the PIN is stored hashed
        String stored = server.app().database().read(c -> {
            try (var ps = c.prepareStatement("SELECT pin_hash FROM tour_links WHERE token_hash = ?")) {
                ps.setString(1, TourSecrets.hashToken(link.path("token").asText()));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain("4821");
    }

    @Test
    void the_link_cannot_edit_anything() {
        JsonNode t = create("观摩", 8);
        String token = publish(t.path("id").asLong(), "{}").path("token").asText();
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            assertThat(send(method, "/api/tour/" + token).statusCode()).as(method).isIn(404, 405);
            assertThat(send(method, "/api/tour/" + token + "/publish").statusCode()).as(method).isIn(404, 405);
        }
        assertThat(server.get("/api/tours/" + token).statusCode()).isIn(401, 403);
        assertThat(server.get("/api/tours").statusCode()).isIn(401, 403);
        assertThat(server.post("/api/tours", "application/json", tourBody("x", 1)).statusCode()).isIn(401, 403);
        assertThat(server.post("/api/tours/" + t.path("id").asLong() + "/publish", "application/json", "{}").statusCode()).isIn(401, 403);
        assertThat(server.post("/api/tours/" + t.path("id").asLong() + "/revoke", "application/json", "").statusCode()).isIn(401, 403);
        assertThat(server.json("/api/tour/" + token).path("title").asText()).isEqualTo("观摩");
        assertThat(planner.json("/api/tours/" + t.path("id").asLong()).path("version").asInt()).isEqualTo(1);
    }
}
