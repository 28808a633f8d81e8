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
    String plannerToken;
    List<JsonNode> projects;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.start(kind);
        plannerToken = plannerToken(server);
        planner = TestSession.token(server, plannerToken);
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

    // ---- route, photos, tiles, notes, deletion, audit -----------------------------------------

    JsonNode open(String token) {
        HttpResponse<String> r = server.get("/api/tour/" + token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    @Test
    void a_link_carries_the_route_between_its_stops_with_travel_times() {
        JsonNode t = create("路线", 20, 60, 100);
        JsonNode doc = open(publish(t.path("id").asLong(), "{}").path("token").asText());
        JsonNode route = doc.path("route");
        assertThat(route.path("method").asText()).isEqualTo("straight");
        TourSettings settings = TourSettings.defaults();
        JsonNode legs = route.path("legs");
        assertThat(legs).hasSize(2);
        long total = 0;
        for (int i = 0; i < 2; i++) {
            JsonNode leg = legs.get(i);
            assertThat(leg.path("from").asInt()).isEqualTo(i + 1);
            assertThat(leg.path("to").asInt()).isEqualTo(i + 2);
            JsonNode a = doc.path("stops").get(i).path("center");
            JsonNode b = doc.path("stops").get(i + 1).path("center");
            assertThat(leg.path("line").get(0)).isEqualTo(a);
            assertThat(leg.path("line").get(1)).isEqualTo(b);
            double straight = projmap.geo.GeodesicMeasure.distance(
                    new org.locationtech.jts.geom.Coordinate(a.get(0).asDouble(), a.get(1).asDouble()),
                    new org.locationtech.jts.geom.Coordinate(b.get(0).asDouble(), b.get(1).asDouble()));
            assertThat(leg.path("straightM").asDouble()).isCloseTo(straight, org.assertj.core.data.Offset.offset(1.0));
            assertThat(leg.path("distanceM").asDouble()).isCloseTo(straight * settings.detourFactor(),
                    org.assertj.core.data.Offset.offset(1.0));
            long minutes = Math.max(1, Math.round(straight * settings.detourFactor() / 1000 / settings.speedKmh() * 60));
            assertThat(leg.path("minutes").asLong()).isEqualTo(minutes);
            total += minutes;
        }
        assertThat(route.path("minutes").asLong()).isEqualTo(total);
        // the planner sees the same route
        assertThat(planner.json("/api/tours/" + t.path("id").asLong() + "/route").path("legs")).isEqualTo(legs);
    }

    static byte[] jpeg(java.awt.Color colour) throws java.io.IOException {
        var img = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    long upload(long project, byte[] jpeg) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/projects/" + project
                        + "/photos?caption=" + java.net.URLEncoder.encode("工地现场", java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + plannerToken).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.parse(r.body()).path("id").asLong();
    }

    @Test
    void a_link_shows_its_stops_photos_and_no_other_projects() throws Exception {
        long first = upload(projectId(30), jpeg(java.awt.Color.RED));
        long second = upload(projectId(30), jpeg(java.awt.Color.GREEN));
        long other = upload(projectId(31), jpeg(java.awt.Color.BLUE));
        JsonNode t = create("照片", 30, 32);
        String token = publish(t.path("id").asLong(), "{}").path("token").asText();
        HttpResponse<String> raw = server.get("/api/tour/" + token);
        JsonNode doc = TestServer.parse(raw.body());
        JsonNode photos = doc.path("stops").get(0).path("photos");
        assertThat(photos).hasSize(2);
        assertThat(photos.get(0).path("caption").asText()).isEqualTo("工地现场");
        assertThat(doc.path("stops").get(1).path("photos")).isEmpty();
        // newest first, addressed by stop and place, never by the photo's id
        assertThat(photos.get(0).path("image").asText()).isEqualTo("photos/1/1");
        assertThat(photos.get(1).path("thumbnail").asText()).isEqualTo("photos/1/2/thumbnail");
        assertThat(doc.findValues("id")).isEmpty();
        String base = "/api/tour/" + token + "/";
        for (JsonNode p : photos) {
            for (String which : List.of("image", "thumbnail")) {
                HttpResponse<byte[]> img = server.getBytes(base + p.path(which).asText());
                assertThat(img.statusCode()).isEqualTo(200);
                assertThat(img.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
                assertThat(img.headers().firstValue("Cache-Control").orElse("")).contains("private");
                assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(img.body()))).isNotNull();
            }
        }
        assertThat(server.getBytes(base + "photos/1/1").body())
                .isEqualTo(server.getBytes("/api/photos/" + second).body());
        assertThat(server.getBytes(base + "photos/1/2").body())
                .isEqualTo(server.getBytes("/api/photos/" + first).body());
        // nothing beyond: a third photo, a third stop, the other project's photo by its id
        assertThat(server.get(base + "photos/1/3").statusCode()).isEqualTo(404);
        assertThat(server.get(base + "photos/2/1").statusCode()).isEqualTo(404);
        assertThat(server.get(base + "photos/3/1").statusCode()).isEqualTo(404);
        assertThat(server.get(base + "photos/1/" + other).statusCode()).isEqualTo(404);
        assertThat(server.get(base + "photos/x/1").statusCode()).isEqualTo(400);
    }

    String stopsBody(int version, String stops) {
        return "{\"title\":\"选照片\",\"version\":" + version + ",\"stops\":[" + stops + "]}";
    }

    String stop(int i, Object photoIds) {
        return "{\"projectId\":" + projectId(i) + (photoIds == null ? "" : ",\"photoIds\":" + photoIds) + "}";
    }

    byte[] linkPhoto(String base, int n, int k) {
        HttpResponse<byte[]> r = server.getBytes(base + "photos/" + n + "/" + k);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void a_planner_chooses_a_stops_photos_and_the_link_shows_exactly_those_in_that_order() throws Exception {
        long a = upload(projectId(60), jpeg(java.awt.Color.RED));
        long b = upload(projectId(60), jpeg(java.awt.Color.GREEN));
        long c = upload(projectId(60), jpeg(java.awt.Color.BLUE));
        long foreign = upload(projectId(61), jpeg(java.awt.Color.YELLOW));
        HttpResponse<String> created = planner.post("/api/tours", stopsBody(0, stop(60, "[" + a + "," + c + "]") + "," + stop(61, null)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode t = TestServer.parse(created.body());
        long id = t.path("id").asLong();
        assertThat(t.path("stops").get(0).path("photoIds").toString()).isEqualTo("[" + a + "," + c + "]");
        assertThat(t.path("stops").get(1).path("photoIds")).isEmpty();
        String token = publish(id, "{}").path("token").asText();
        String base = "/api/tour/" + token + "/";
        JsonNode doc = server.json(base.substring(0, base.length() - 1));
        assertThat(doc.path("stops").get(0).path("photos")).hasSize(2);
        assertThat(doc.findValues("photoIds")).isEmpty();
        assertThat(linkPhoto(base, 1, 1)).isEqualTo(server.getBytes("/api/photos/" + a).body());
        assertThat(linkPhoto(base, 1, 2)).isEqualTo(server.getBytes("/api/photos/" + c).body());
        // the photo not chosen is not reachable through the link
        assertThat(server.get(base + "photos/1/3").statusCode()).isEqualTo(404);
        // no choice: the newest of the project, as before
        assertThat(linkPhoto(base, 2, 1)).isEqualTo(server.getBytes("/api/photos/" + foreign).body());

        // a reorder with another pick: a new version, same If-Match rule
        HttpResponse<String> edited = put("/api/tours/" + id, stopsBody(1, stop(60, "[" + c + "," + b + "]") + "," + stop(61, null)),
                Map.of("If-Match", "\"1\""));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(TestServer.parse(edited.body()).path("version").asInt()).isEqualTo(2);
        assertThat(linkPhoto(base, 1, 1)).isEqualTo(server.getBytes("/api/photos/" + c).body());
        assertThat(linkPhoto(base, 1, 2)).isEqualTo(server.getBytes("/api/photos/" + b).body());
        assertThat(server.get(base + "photos/1/3").statusCode()).isEqualTo(404);
        assertThat(put("/api/tours/" + id, stopsBody(1, stop(60, "[" + a + "]")), Map.of("If-Match", "\"1\"")).statusCode())
                .isEqualTo(412);

        // each kind of bad pick: a 400 naming the stop and the photo, nothing stored
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put(stop(61, null) + "," + stop(60, "[" + c + "," + foreign + "]"), "stops[1].photoIds[1]");
        bad.put(stop(60, "[987654321]"), "stops[0].photoIds[0]");
        bad.put(stop(60, "[" + b + "," + b + "]"), "stops[0].photoIds[1]");
        bad.put(stop(60, "[\"x\"]"), "stops[0].photoIds[0]");
        bad.put(stop(60, "[1.5]"), "stops[0].photoIds[0]");
        bad.put(stop(60, "{}"), "stops[0].photoIds");
        bad.put(stop(60, java.util.stream.IntStream.rangeClosed(1, 13).mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",", "[", "]"))), "stops[0].photoIds");
        bad.forEach((stops, parameter) -> {
            HttpResponse<String> r = put("/api/tours/" + id, stopsBody(2, stops), Map.of("If-Match", "\"2\""));
            assertThat(r.statusCode()).as(stops).isEqualTo(400);
            assertThat(TestServer.parse(r.body()).path("details").path("parameter").asText()).as(stops).isEqualTo(parameter);
        });
        HttpResponse<String> wrong = put("/api/tours/" + id, stopsBody(2, stop(60, "[" + foreign + "]")), Map.of("If-Match", "\"2\""));
        assertThat(TestServer.parse(wrong.body()).path("error").asText()).isEqualTo("foreign_photo");
        assertThat(TestServer.parse(wrong.body()).path("message").asText()).contains("stop 1").contains(name(60))
                .contains("photo " + foreign);
        assertThat(planner.post("/api/tours", stopsBody(0, stop(60, "[" + foreign + "]"))).statusCode()).isEqualTo(400);
        JsonNode kept = planner.json("/api/tours/" + id);
        assertThat(kept.path("version").asInt()).isEqualTo(2);
        assertThat(kept.path("stops").get(0).path("photoIds").toString()).isEqualTo("[" + c + "," + b + "]");

        // the edit is in the audit log with the picks
        var entries = new projmap.auth.AuditLog(server.app().database()).of("tour", String.valueOf(id));
        var update = entries.stream().filter(e -> e.action().equals("tour.update")).findFirst().orElseThrow();
        assertThat(update.before().path("stops").get(0).path("photoIds").toString()).isEqualTo("[" + a + "," + c + "]");
        assertThat(update.after().path("stops").get(0).path("photoIds").toString()).isEqualTo("[" + c + "," + b + "]");

        // a chosen photo deleted from the project leaves the card
        assertThat(planner.delete("/api/photos/" + c, null).statusCode()).isEqualTo(204);
        assertThat(server.json(base.substring(0, base.length() - 1)).path("stops").get(0).path("photos")).hasSize(1);
        assertThat(linkPhoto(base, 1, 1)).isEqualTo(server.getBytes("/api/photos/" + b).body());
        assertThat(planner.json("/api/tours/" + id).path("stops").get(0).path("photoIds").toString()).isEqualTo("[" + b + "]");
    }

    static int[] tile(double lon, double lat, int z) {
        return TourArea.tileOf(lon, lat, z);
    }

    @Test
    void a_link_serves_the_zone_tiles_of_its_area_only() {
        JsonNode t = create("瓦片", 40, 41);
        String token = publish(t.path("id").asLong(), "{}").path("token").asText();
        JsonNode doc = open(token);
        JsonNode layers = doc.path("layers");
        assertThat(layers).isNotEmpty();
        assertThat(layers.findValuesAsText("kind")).doesNotContain("projects");
        String template = "/api/tour/" + token + "/" + layers.get(0).path("tiles").asText();
        JsonNode c = doc.path("stops").get(0).path("center");
        for (int z = 10; z <= 17; z++) {
            int[] xy = tile(c.get(0).asDouble(), c.get(1).asDouble(), z);
            HttpResponse<String> r = server.get(url(template, z, xy[0], xy[1]));
            assertThat(r.statusCode()).as("z" + z).isIn(200, 204);
        }
        // far outside the tour (80 tiles east at z15) and beyond its zooms: refused, naming why
        int[] xy = tile(c.get(0).asDouble(), c.get(1).asDouble(), 15);
        HttpResponse<String> outside = server.get(url(template, 15, xy[0] + 80, xy[1]));
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(TestServer.parse(outside.body()).path("error").asText()).isEqualTo("outside_tour");
        int[] deep = tile(c.get(0).asDouble(), c.get(1).asDouble(), 18);
        assertThat(server.get(url(template, 18, deep[0], deep[1])).statusCode()).isEqualTo(404);
        // the projects layer never goes through a link
        int[] p = tile(c.get(0).asDouble(), c.get(1).asDouble(), 14);
        assertThat(server.get("/api/tour/" + token + "/tiles/projects/14/" + p[0] + "/" + p[1] + ".mvt").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/tour/" + token + "/tiles/no-such-layer/14/" + p[0] + "/" + p[1] + ".mvt").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/tour/" + token + "/tiles/" + layers.get(0).path("layer").asText() + "/x/1/1.mvt").statusCode()).isEqualTo(400);
        // same bytes as the public tile
        HttpResponse<byte[]> ours = server.getBytes(url(template, 14, p[0], p[1]));
        HttpResponse<byte[]> pub = server.getBytes("/tiles/" + layers.get(0).path("layer").asText() + "/14/" + p[0] + "/" + p[1] + ".mvt");
        assertThat(ours.body()).isEqualTo(pub.body());
        // a wrong token gets nothing
        assertThat(server.get(url(template.replace(token, token.substring(1) + "A"), 14, p[0], p[1])).statusCode()).isEqualTo(404);
    }

    static String url(String template, int z, int x, int y) {
        return template.replace("{z}", String.valueOf(z)).replace("{x}", String.valueOf(x)).replace("{y}", String.valueOf(y));
    }

    @Test
    void a_pin_links_tiles_photos_and_notes_need_the_key_its_document_gave() throws Exception {
        upload(projectId(42), jpeg(java.awt.Color.ORANGE));
        JsonNode t = create("PIN", 42);
        String token = publish(t.path("id").asLong(), "{\"pin\":\"7351\"}").path("token").asText();
        JsonNode doc = TestServer.parse(server.get("/api/tour/" + token, Map.of("X-Tour-Pin", "7351")).body());
        String key = doc.path("assetQuery").asText();
        assertThat(key).startsWith("?k=");
        String base = "/api/tour/" + token + "/";
        String photo = doc.path("stops").get(0).path("photos").get(0).path("thumbnail").asText();
        assertThat(photo).endsWith(key);
        assertThat(server.get(base + photo).statusCode()).isEqualTo(200);
        assertThat(server.get(base + photo.replace(key, "")).statusCode()).isEqualTo(401);
        assertThat(server.get(base + photo.replace(key, "?k=00000000000000000000000000000000")).statusCode()).isEqualTo(401);
        JsonNode c = doc.path("stops").get(0).path("center");
        int[] xy = tile(c.get(0).asDouble(), c.get(1).asDouble(), 15);
        String tileUrl = base + url(doc.path("layers").get(0).path("tiles").asText(), 15, xy[0], xy[1]);
        assertThat(server.get(tileUrl).statusCode()).isIn(200, 204);
        assertThat(server.get(tileUrl.replace(key, "")).statusCode()).isEqualTo(401);
        String note = "{\"id\":\"pin-note-000001\",\"stop\":1,\"text\":\"t\"}";
        assertThat(server.post(base + "notes", "application/json", note).statusCode()).isEqualTo(401);
        assertThat(server.post(base + doc.path("notes").asText(), "application/json", note).statusCode()).isEqualTo(201);
    }

    @Test
    void with_public_read_off_a_link_still_gets_its_tiles_and_nothing_else() {
        try (TestServer closed = TestServer.start(kind, c -> c.withPublicRead(false))) {
            TestSession admin = TestSession.token(closed, plannerToken(closed));
            JsonNode project = admin.json("/api/projects").path("features").get(5);
            HttpResponse<String> created = admin.post("/api/tours", "{\"title\":\"内部\",\"stops\":[{\"projectId\":"
                    + project.path("id").asLong() + "}]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String token = TestServer.parse(admin.post("/api/tours/" + TestServer.parse(created.body()).path("id").asLong()
                    + "/publish", "{}").body()).path("token").asText();
            HttpResponse<String> docResponse = closed.get("/api/tour/" + token);
            assertThat(docResponse.statusCode()).isEqualTo(200);
            JsonNode doc = TestServer.parse(docResponse.body());
            JsonNode c = doc.path("stops").get(0).path("center");
            String layer = doc.path("layers").get(0).path("layer").asText();
            int hits = 0;
            for (int z = 10; z <= 17; z++) {
                int[] xy = tile(c.get(0).asDouble(), c.get(1).asDouble(), z);
                assertThat(closed.get("/tiles/" + layer + "/" + z + "/" + xy[0] + "/" + xy[1] + ".mvt").statusCode())
                        .as("the public tile route stays closed").isEqualTo(401);
                HttpResponse<String> r = closed.get("/api/tour/" + token + "/"
                        + url(doc.path("layers").get(0).path("tiles").asText(), z, xy[0], xy[1]));
                assertThat(r.statusCode()).as("z" + z).isIn(200, 204);
                hits += r.statusCode() == 200 ? 1 : 0;
            }
            assertThat(hits).as("some zoom has features of " + layer).isPositive();
            assertThat(closed.get("/api/layers").statusCode()).isEqualTo(401);
            assertThat(closed.get("/api/projects").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void a_note_sent_twice_is_stored_once_and_planners_see_it() throws Exception {
        JsonNode t = create("笔记", 50, 51);
        long id = t.path("id").asLong();
        String token = publish(id, "{}").path("token").asText();
        String notes = "/api/tour/" + token + "/notes";
        String body = "{\"id\":\"0b7f6c1e-5d2a-4c3b-9e8f-1a2b3c4d5e6f\",\"stop\":2,\"text\":\"注意围挡\","
                + "\"takenAt\":\"2026-12-01T02:30:00Z\"}";
        HttpResponse<String> first = server.post(notes, "application/json", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = server.post(notes, "application/json", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(again.body()).path("created").asBoolean()).isFalse();
        // a burst of retries at once (two tabs, a flaky network): still one note
        String raced = body.replace("0b7f6c1e", "1c8f6c1e");
        List<Integer> codes = atOnce(8, () -> server.post(notes, "application/json", raced).statusCode());
        assertThat(codes).containsOnly(200, 201);
        assertThat(codes.stream().filter(code -> code == 201).count()).isEqualTo(1);

        JsonNode seen = planner.json("/api/tours/" + id + "/notes");
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).path("text").asText()).isEqualTo("注意围挡");
        assertThat(seen.get(0).path("stop").asInt()).isEqualTo(2);
        assertThat(seen.get(0).path("projectId").asLong()).isEqualTo(projectId(51));
        assertThat(seen.get(0).path("takenAt").asText()).startsWith("2026-12-01T02:30");

        // each kind of bad note: a 400 naming the field, nothing stored
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"stop\":1,\"text\":\"x\"}", "id");
        bad.put("{\"id\":\"short\",\"stop\":1,\"text\":\"x\"}", "id");
        bad.put("{\"id\":\"abcdefgh-1\",\"stop\":0,\"text\":\"x\"}", "stop");
        bad.put("{\"id\":\"abcdefgh-2\",\"stop\":3,\"text\":\"x\"}", "stop");
        bad.put("{\"id\":\"abcdefgh-3\",\"stop\":\"one\",\"text\":\"x\"}", "stop");
        bad.put("{\"id\":\"abcdefgh-4\",\"stop\":1,\"text\":\"  \"}", "text");
        bad.put("{\"id\":\"abcdefgh-5\",\"stop\":1,\"text\":\"x\",\"takenAt\":\"yesterday\"}", "takenAt");
        bad.forEach((b, field) -> {
            HttpResponse<String> r = server.post(notes, "application/json", b);
            assertThat(r.statusCode()).as(b).isEqualTo(400);
            assertThat(TestServer.parse(r.body()).path("details").path("parameter").asText()).as(b).isEqualTo(field);
        });
        assertThat(server.post(notes, "application/json", "{not json").statusCode()).isEqualTo(400);
        assertThat(server.post(notes, "application/json", "[]").statusCode()).isEqualTo(400);
        assertThat(planner.json("/api/tours/" + id + "/notes")).hasSize(2);

        // an id another tour holds is refused, not merged
        String otherToken = publish(create("另一条", 52).path("id").asLong(), "{}").path("token").asText();
        HttpResponse<String> taken = server.post("/api/tour/" + otherToken + "/notes", "application/json",
                body.replace("\"stop\":2", "\"stop\":1"));
        assertThat(taken.statusCode()).isEqualTo(409);
        // a revoked link takes no notes
        planner.post("/api/tours/" + id + "/revoke", "");
        assertThat(server.post(notes, "application/json", body.replace("0b7f", "2c7f")).statusCode()).isEqualTo(410);
    }

    HttpResponse<String> sendPhoto(String token, String noteId, byte[] bytes) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/tour/" + token + "/notes/" + noteId + "/photo"))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    HttpResponse<String> sendNote(String token, String noteId, int stop) {
        return server.post("/api/tour/" + token + "/notes", "application/json",
                "{\"id\":\"" + noteId + "\",\"stop\":" + stop + ",\"text\":\"有照片\"}");
    }

    boolean hasPhoto(long tourId, String noteId) {
        for (JsonNode n : planner.json("/api/tours/" + tourId + "/notes")) {
            if (n.path("id").asText().equals(noteId)) {
                return n.path("hasPhoto").asBoolean();
            }
        }
        throw new AssertionError("no note " + noteId);
    }

    @Test
    void a_notes_photo_is_checked_stored_once_and_shown_to_planners_only() throws Exception {
        long id = create("笔记照片", 62, 63).path("id").asLong();
        String token = publish(id, "{}").path("token").asText();
        String otherToken = publish(create("别的路线", 64).path("id").asLong(), "{}").path("token").asText();
        byte[] photo = jpeg(java.awt.Color.MAGENTA);

        // a photo needs its note first
        HttpResponse<String> orphan = sendPhoto(token, "note-photo-0000", photo);
        assertThat(orphan.statusCode()).isEqualTo(404);
        assertThat(TestServer.parse(orphan.body()).path("error").asText()).isEqualTo("unknown_note");

        assertThat(sendNote(token, "note-photo-0001", 2).statusCode()).isEqualTo(201);
        assertThat(hasPhoto(id, "note-photo-0001")).isFalse();
        // another link cannot put a photo on this tour's note
        assertThat(sendPhoto(otherToken, "note-photo-0001", photo).statusCode()).isEqualTo(404);
        HttpResponse<String> first = sendPhoto(token, "note-photo-0001", photo);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = sendPhoto(token, "note-photo-0001", jpeg(java.awt.Color.CYAN));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(again.body()).path("created").asBoolean()).isFalse();
        assertThat(hasPhoto(id, "note-photo-0001")).isTrue();

        // the planner sees it; nobody else, and no link (not even this one) reads it back
        String path = "/api/tours/" + id + "/notes/note-photo-0001/photo";
        HttpResponse<byte[]> thumb = planner.getBytes(path + "/thumbnail");
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/jpeg");
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(planner.getBytes(path).body()));
        assertThat(image.getWidth()).isEqualTo(320);
        // the first photo was kept, not the resent one (magenta: red and blue high, green low)
        assertThat((image.getRGB(10, 10) >> 8) & 0xFF).isLessThan(60);
        assertThat(server.get(path).statusCode()).isIn(401, 403);
        assertThat(planner.get("/api/tours/" + create("无关", 65).path("id").asLong() + "/notes/note-photo-0001/photo").statusCode())
                .isEqualTo(404);
        assertThat(server.get("/api/tour/" + token + "/notes/note-photo-0001/photo").statusCode()).isIn(404, 405);
        assertThat(server.get("/api/tour/" + otherToken + "/notes/note-photo-0001/photo").statusCode()).isIn(404, 405);

        // the note arrived, its photo did not (the network dropped): resending both completes it once
        assertThat(sendNote(token, "note-photo-0002", 1).statusCode()).isEqualTo(201);
        assertThat(sendNote(token, "note-photo-0002", 1).statusCode()).isEqualTo(200);
        List<Integer> codes = atOnce(6, () -> sendPhoto(token, "note-photo-0002", photo).statusCode());
        assertThat(codes).containsOnly(200, 201);
        assertThat(codes.stream().filter(code -> code == 201).count()).isEqualTo(1);
        int stored = server.app().database().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tour_note_photos WHERE client_id = ?")) {
                ps.setString(1, "note-photo-0002");
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        assertThat(stored).isEqualTo(1);

        // every kind of bad file: a clear 4xx naming the problem, nothing stored
        assertThat(sendNote(token, "note-photo-0003", 1).statusCode()).isEqualTo(201);
        byte[] tooBig = new byte[projmap.progress.PhotoProcessor.MAX_BYTES + 1];
        System.arraycopy(photo, 0, tooBig, 0, photo.length);
        byte[] brokenPng = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
        Map<String, Object[]> bad = new java.util.LinkedHashMap<>();
        bad.put("text", new Object[] {"这不是照片".getBytes(java.nio.charset.StandardCharsets.UTF_8), 415, "not_an_image"});
        bad.put("gif", new Object[] {"GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 415, "not_an_image"});
        bad.put("broken png", new Object[] {brokenPng, 415, "not_an_image"});
        bad.put("too big", new Object[] {tooBig, 413, "too_large"});
        bad.put("empty", new Object[] {new byte[0], 400, "empty_upload"});
        bad.forEach((what, v) -> {
            HttpResponse<String> r = sendPhoto(token, "note-photo-0003", (byte[]) v[0]);
            assertThat(r.statusCode()).as(what).isEqualTo(v[1]);
            assertThat(TestServer.parse(r.body()).path("error").asText()).as(what).isEqualTo(v[2]);
        });
        assertThat(hasPhoto(id, "note-photo-0003")).isFalse();
        // WebP is read too (and kept as JPEG)
        assertThat(sendPhoto(token, "note-photo-0003", Base64.getDecoder().decode(projmap.progress.TestPhotos.WEBP_1X1)).statusCode()).isEqualTo(201);
        assertThat(planner.getBytes("/api/tours/" + id + "/notes/note-photo-0003/photo").headers()
                .firstValue("Content-Type").orElse("")).isEqualTo("image/jpeg");

        // the audit log has the photo as it has the note, without the token
        var entries = new projmap.auth.AuditLog(server.app().database()).of("tour", String.valueOf(id));
        assertThat(entries.stream().filter(e -> e.action().equals("tour.note.photo")).count()).isEqualTo(3);
        assertThat(entries.stream().filter(e -> e.action().equals("tour.note.photo")).findFirst().orElseThrow()
                .after().path("id").asText()).isEqualTo("note-photo-0001");
        // a revoked link takes no photos
        assertThat(sendNote(token, "note-photo-0004", 1).statusCode()).isEqualTo(201);
        planner.post("/api/tours/" + id + "/revoke", "");
        assertThat(sendPhoto(token, "note-photo-0004", photo).statusCode()).isEqualTo(410);
        assertThat(hasPhoto(id, "note-photo-0004")).isFalse();
    }

    @Test
    void a_planner_deletes_a_tour_and_its_links_open_nothing() {
        JsonNode t = create("删除", 55);
        long id = t.path("id").asLong();
        String token = publish(id, "{}").path("token").asText();
        assertThat(server.get("/api/tour/" + token).statusCode()).isEqualTo(200);
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/tours/" + id)).DELETE().build())
                .statusCode()).isIn(401, 403);
        assertThat(planner.delete("/api/tours/" + id, null).statusCode()).isEqualTo(204);
        assertThat(planner.get("/api/tours/" + id).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/tour/" + token).statusCode()).isEqualTo(404);
        assertThat(planner.delete("/api/tours/" + id, null).statusCode()).isEqualTo(404);
        assertThat(planner.json("/api/tours").findValues("id").stream().map(JsonNode::asLong)).doesNotContain(id);
    }

    @Test
    void every_change_to_a_tour_is_in_the_audit_log() {
        JsonNode t = create("审计", 56);
        long id = t.path("id").asLong();
        assertThat(put("/api/tours/" + id, tourBody("审计（改）", 57), Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(200);
        String token = publish(id, "{\"pin\":\"2468\"}").path("token").asText();
        String key = TestServer.parse(server.get("/api/tour/" + token, Map.of("X-Tour-Pin", "2468")).body())
                .path("assetQuery").asText();
        assertThat(server.post("/api/tour/" + token + "/notes" + key, "application/json",
                "{\"id\":\"audit-note-0001\",\"stop\":1,\"text\":\"好\"}").statusCode()).isEqualTo(201);
        planner.post("/api/tours/" + id + "/revoke", "");
        assertThat(planner.delete("/api/tours/" + id, null).statusCode()).isEqualTo(204);

        var entries = new projmap.auth.AuditLog(server.app().database()).of("tour", String.valueOf(id));
        assertThat(entries.stream().map(projmap.auth.AuditLog.Entry::action))
                .containsExactly("tour.create", "tour.update", "tour.publish", "tour.note", "tour.revoke", "tour.delete");
        assertThat(entries.get(0).actor()).isEqualTo("admin");
        assertThat(entries.get(0).after().path("title").asText()).isEqualTo("审计");
        assertThat(entries.get(1).before().path("title").asText()).isEqualTo("审计");
        assertThat(entries.get(1).after().path("title").asText()).isEqualTo("审计（改）");
        assertThat(entries.get(2).after().path("pinProtected").asBoolean()).isTrue();
        assertThat(entries.get(3).actor()).isEqualTo("tour link");
        assertThat(entries.get(3).after().path("text").asText()).isEqualTo("好");
        assertThat(entries.get(5).before().path("title").asText()).isEqualTo("审计（改）");
        // the log never holds what opens a tour
        for (var e : entries) {
            assertThat(String.valueOf(e.after()) + e.before()).doesNotContain(token).doesNotContain(TourSecrets.hashToken(token))
                    .doesNotContain("2468");
        }
    }

    /** Sends {@code n} copies of a request at once (n threads) and returns their status codes. */
    private static List<Integer> atOnce(int n, java.util.concurrent.Callable<Integer> send) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(send));
            }
            List<Integer> codes = new ArrayList<>();
            for (var f : results) {
                codes.add(f.get());
            }
            return codes;
        } finally {
            pool.shutdown();
        }
    }
}
