package projmap.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/** Accounts, sessions, CSRF, roles, departments, optimistic edits and the audit log, on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsAndEditingTest {
    @Parameter
    StoreKind kind;

    TestServer server;
    TestSession admin;
    TestSession planner;
    TestSession housingEditor;
    TestSession viewer;

    @BeforeParameterizedClassInvocation
    void start() {
        server = AuthFixture.start(kind, true);
        admin = TestSession.login(server, "admin", AuthFixture.ADMIN_PASSWORD);
        planner = AuthFixture.account(server, admin, "planner1", "planner");
        housingEditor = AuthFixture.account(server, admin, "housing1", "editor", AuthFixture.HOUSING);
        viewer = AuthFixture.account(server, admin, "leader1", "viewer");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    long idOf(String code) {
        for (JsonNode f : server.json("/api/projects?q=" + code).path("features")) {
            if (f.path("properties").path("code").asText().equals(code)) {
                return f.path("id").asLong();
            }
        }
        throw new AssertionError("no project " + code);
    }

    /** The project as GeoJSON with its ETag. */
    record Read(ObjectNode feature, String etag) {
    }

    Read read(long id) {
        HttpResponse<String> r = server.get("/api/projects/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        return new Read((ObjectNode) TestServer.parse(r.body()), r.headers().firstValue("ETag").orElseThrow());
    }

    static String with(ObjectNode feature, String field, Object value) {
        ObjectNode copy = feature.deepCopy();
        ObjectNode p = (ObjectNode) copy.path("properties");
        if (value == null) {
            p.putNull(field);
        } else if (value instanceof Number n) {
            p.put(field, new java.math.BigDecimal(n.toString()));
        } else {
            p.put(field, value.toString());
        }
        return copy.toString();
    }

    // ---- log-in and sessions -------------------------------------------------------------

    @Test
    void the_session_cookie_is_http_only_and_same_site_strict() {
        HttpResponse<String> r = TestSession.loginResponse(server, "planner1", AuthFixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("projmap_session=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.path("csrfToken").asText()).hasSize(43);
        assertThat(body.path("user").path("role").asText()).isEqualTo("planner");
        assertThat(body.path("user").has("passwordHash")).isFalse();
    }

    @Test
    void a_wrong_password_and_an_unknown_name_get_the_same_401() {
        HttpResponse<String> wrong = TestSession.loginResponse(server, "leader1", "not the password at all");
        HttpResponse<String> unknown = TestSession.loginResponse(server, "nobody-here", "not the password at all");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(TestServer.parse(wrong.body()).path("error").asText()).isEqualTo("invalid_credentials");
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void an_account_is_locked_after_five_failures_even_for_the_right_password() {
        AuthFixture.account(server, admin, "target1", "viewer");
        for (int i = 0; i < LoginThrottle.DEFAULT_MAX_PER_ACCOUNT; i++) {
            assertThat(TestSession.loginResponse(server, "target1", "guess number " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = TestSession.loginResponse(server, "target1", AuthFixture.PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(TestServer.parse(locked.body()).path("error").asText()).isEqualTo("too_many_attempts");
        // other accounts are not affected
        TestSession.login(server, "planner1", AuthFixture.PASSWORD);
    }

    @Test
    void log_out_ends_the_session() {
        TestSession s = TestSession.login(server, "leader1", AuthFixture.PASSWORD);
        assertThat(s.json("/api/auth/me").path("user").path("username").asText()).isEqualTo("leader1");
        assertThat(s.post("/api/auth/logout", null).statusCode()).isEqualTo(204);
        assertThat(s.json("/api/auth/me").path("user").isNull()).isTrue();
        assertThat(s.get("/api/projects/" + idOf("T-001") + "/history").statusCode()).isEqualTo(401);
    }

    @Test
    void a_disabled_account_loses_its_sessions_and_cannot_log_in() {
        TestSession s = AuthFixture.account(server, admin, "leaving1", "viewer");
        long id = s.json("/api/auth/me").path("user").path("id").asLong();
        assertThat(admin.put("/api/users/" + id, "{\"disabled\":true}", null).statusCode()).isEqualTo(200);
        assertThat(s.json("/api/auth/me").path("user").isNull()).isTrue();
        assertThat(TestSession.loginResponse(server, "leaving1", AuthFixture.PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void weak_passwords_and_bad_roles_are_refused_when_creating_accounts() {
        HttpResponse<String> weak = admin.post("/api/users", "{\"username\":\"weak1\",\"password\":\"short\",\"role\":\"viewer\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("password");
        HttpResponse<String> role = admin.post("/api/users",
                "{\"username\":\"weak2\",\"password\":\"" + AuthFixture.PASSWORD + "\",\"role\":\"root\"}");
        assertThat(role.statusCode()).isEqualTo(400);
        HttpResponse<String> editor = admin.post("/api/users",
                "{\"username\":\"weak3\",\"password\":\"" + AuthFixture.PASSWORD + "\",\"role\":\"editor\"}");
        assertThat(editor.statusCode()).isEqualTo(400);
        assertThat(editor.body()).contains("departments");
        assertThat(planner.post("/api/users", "{\"username\":\"sneaky\",\"password\":\"" + AuthFixture.PASSWORD
                + "\",\"role\":\"admin\"}").statusCode()).isEqualTo(403);
    }

    // ---- CSRF and tokens -----------------------------------------------------------------

    @Test
    void a_change_without_or_with_a_wrong_csrf_token_is_403_and_changes_nothing() {
        long id = idOf("T-002");
        Read before = read(id);
        String body = with(before.feature(), "name", "forged");
        HttpResponse<String> missing = planner.sendWithoutCsrf("PUT", "/api/projects/" + id, body, Map.of("If-Match", before.etag()));
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(TestServer.parse(missing.body()).path("error").asText()).isEqualTo("csrf_token_invalid");
        HttpResponse<String> wrong = planner.send("PUT", "/api/projects/" + id, body,
                Map.of("If-Match", before.etag(), "X-CSRF-Token", admin.csrf()));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(read(id).etag()).isEqualTo(before.etag());
    }

    @Test
    void an_api_token_works_without_csrf_and_stops_working_when_revoked() {
        HttpResponse<String> created = planner.post("/api/auth/tokens", "{\"name\":\"nightly sync\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode t = TestServer.parse(created.body());
        TestSession script = TestSession.token(server, t.path("token").asText());
        long id = idOf("T-003");
        Read before = read(id);
        HttpResponse<String> edit = script.put("/api/projects/" + id, with(before.feature(), "address", "by script"), before.etag());
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(edit.body()).path("properties").path("updatedBy").asText()).isEqualTo("planner1");
        assertThat(planner.json("/api/auth/tokens").toString()).contains("nightly sync").doesNotContain(t.path("token").asText());

        assertThat(planner.delete("/api/auth/tokens/" + t.path("id").asLong(), null).statusCode()).isEqualTo(204);
        assertThat(script.get("/api/projects/" + id).statusCode()).isEqualTo(401);
        assertThat(TestSession.token(server, "pm_notarealtokennotarealtokennotarealtoken123").get("/api/projects").statusCode())
                .isEqualTo(401);
    }

    // ---- roles and departments -----------------------------------------------------------

    @Test
    void anonymous_callers_may_read_but_not_write() {
        long id = idOf("T-001");
        Read r = read(id);
        HttpResponse<String> put = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/api/projects/" + id))
                .header("If-Match", r.etag()).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(with(r.feature(), "name", "anon"))).build());
        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(server.get("/api/users").statusCode()).isEqualTo(401);
        assertThat(server.get("/api/projects/" + id + "/history").statusCode()).isEqualTo(401);
    }

    @Test
    void a_viewer_may_not_write() {
        long id = idOf("T-001");
        Read r = read(id);
        HttpResponse<String> put = viewer.put("/api/projects/" + id, with(r.feature(), "name", "viewer"), r.etag());
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(viewer.post("/api/projects", with(r.feature(), "code", "V-1")).statusCode()).isEqualTo(403);
        assertThat(viewer.delete("/api/projects/" + id, r.etag()).statusCode()).isEqualTo(403);
        assertThat(viewer.get("/api/audit").statusCode()).isEqualTo(403);
        assertThat(read(id).etag()).isEqualTo(r.etag());
    }

    @Test
    void an_editor_may_edit_its_departments_projects_only() {
        long own = idOf("T-001");
        long other = idOf("T-003");
        Read mine = read(own);
        HttpResponse<String> ok = housingEditor.put("/api/projects/" + own, with(mine.feature(), "contactPhone", "0396-1234567"),
                mine.etag());
        assertThat(ok.statusCode()).isEqualTo(200);

        Read theirs = read(other);
        HttpResponse<String> denied = housingEditor.put("/api/projects/" + other, with(theirs.feature(), "name", "mine now"),
                theirs.etag());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(TestServer.parse(denied.body()).path("error").asText()).isEqualTo("not_your_department");
        assertThat(housingEditor.delete("/api/projects/" + other, theirs.etag()).statusCode()).isEqualTo(403);

        // nor may it give its own project away, nor create one for another department
        Read again = read(own);
        assertThat(housingEditor.put("/api/projects/" + own, with(again.feature(), "department", AuthFixture.URBAN),
                again.etag()).statusCode()).isEqualTo(403);
        ObjectNode foreign = (ObjectNode) TestServer.parse(with(again.feature(), "code", "E-9"));
        assertThat(housingEditor.post("/api/projects", with(foreign, "department", AuthFixture.URBAN)).statusCode())
                .isEqualTo(403);
        assertThat(read(other).etag()).isEqualTo(theirs.etag());
    }

    // ---- editing -------------------------------------------------------------------------

    @Test
    void create_edit_and_delete_leave_a_full_history() throws Exception {
        Read template = read(idOf("T-002"));
        ObjectNode feature = (ObjectNode) TestServer.parse(with(template.feature(), "code", "NEW-1"));
        ((ObjectNode) feature.path("properties")).put("name", "新建游园");
        HttpResponse<String> created = housingEditor.post("/api/projects", feature.toString());
        assertThat(created.statusCode()).isEqualTo(201);
        long id = TestServer.parse(created.body()).path("id").asLong();
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + id + "-1\"");

        Read r = read(id);
        HttpResponse<String> edited = housingEditor.put("/api/projects/" + id, with(r.feature(), "completedInvestment", 50), r.etag());
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(edited.headers().firstValue("ETag")).contains("\"" + id + "-2\"");

        HttpResponse<String> deleted = planner.delete("/api/projects/" + id, "\"" + id + "-2\"");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(server.get("/api/projects/" + id).statusCode()).isEqualTo(404);

        JsonNode history = viewer.json("/api/projects/" + id + "/history").path("entries");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("action").asText()).isEqualTo("project.create");
        assertThat(history.get(0).path("actor").asText()).isEqualTo("housing1");
        assertThat(history.get(1).path("action").asText()).isEqualTo("project.update");
        assertThat(history.get(1).path("changes")).hasSize(1);
        assertThat(history.get(1).path("changes").get(0).path("field").asText()).isEqualTo("completedInvestment");
        assertThat(history.get(1).path("changes").get(0).path("after").asInt()).isEqualTo(50);
        assertThat(history.get(2).path("action").asText()).isEqualTo("project.delete");
        assertThat(history.get(2).path("actor").asText()).isEqualTo("planner1");
        assertThat(history.get(2).path("before").path("properties").path("name").asText()).isEqualTo("新建游园");

        JsonNode log = admin.json("/api/audit?limit=500");
        assertThat(log.toString()).contains("project.delete").contains("auth.login").contains("user.create");
    }

    @Test
    void the_audit_log_refuses_updates_and_deletes_in_the_database() {
        var db = server.app().database();
        for (String sql : List.of("UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    return ps.executeUpdate();
                }
            })).hasMessageContaining("append-only");
        }
        assertThat(admin.json("/api/audit").size()).isPositive();
    }

    @Test
    void an_edit_without_if_match_is_428_and_with_a_stale_one_412_with_the_current_state() {
        long id = idOf("T-002");
        Read r = read(id);
        HttpResponse<String> none = planner.put("/api/projects/" + id, with(r.feature(), "name", "no etag"), null);
        assertThat(none.statusCode()).isEqualTo(428);
        assertThat(planner.put("/api/projects/" + id, with(r.feature(), "name", "any"), "*").statusCode()).isEqualTo(428);
        assertThat(planner.delete("/api/projects/" + id, null).statusCode()).isEqualTo(428);

        assertThat(planner.put("/api/projects/" + id, with(r.feature(), "leader", "李四"), r.etag()).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = housingEditor.put("/api/projects/" + id, with(r.feature(), "name", "overwrite"), r.etag());
        assertThat(stale.statusCode()).isEqualTo(412);
        JsonNode details = TestServer.parse(stale.body()).path("details");
        assertThat(details.path("currentVersion").asInt()).isEqualTo(read(id).feature().path("properties").path("version").asInt());
        assertThat(details.path("updatedBy").asText()).isEqualTo("planner1");
        assertThat(details.path("current").path("properties").path("leader").asText()).isEqualTo("李四");
        assertThat(read(id).feature().path("properties").path("name").asText()).isNotEqualTo("overwrite");
    }

    @Test
    void bad_figures_dates_and_geometries_are_400_naming_the_field_and_store_nothing() {
        long id = idOf("T-002");
        Read r = read(id);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("totalInvestment", with(r.feature(), "totalInvestment", -5));
        cases.put("completedInvestment", with(r.feature(), "completedInvestment", 999999));
        cases.put("annualPlanInvestment", with(r.feature(), "annualPlanInvestment", 1e9));
        cases.put("plannedEnd", with(r.feature(), "plannedEnd", "2016-01-01"));
        cases.put("status", with(r.feature(), "status", "finished-ish"));
        cases.put("name", with(r.feature(), "name", null));
        for (var c : cases.entrySet()) {
            HttpResponse<String> res = planner.put("/api/projects/" + id, c.getValue(), r.etag());
            assertThat(res.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(res.body()).as(c.getKey()).contains(c.getKey());
        }
        ObjectNode bowtie = r.feature().deepCopy();
        bowtie.set("geometry", TestServer.parse("{\"type\":\"Polygon\",\"coordinates\":[[[114.0,32.9],[114.1,33.0],"
                + "[114.1,32.9],[114.0,33.0],[114.0,32.9]]]}"));
        HttpResponse<String> invalid = planner.put("/api/projects/" + id, bowtie.toString(), r.etag());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(invalid.body()).path("details").path("where").asText()).contains("114.05");
        assertThat(read(id).etag()).isEqualTo(r.etag());

        HttpResponse<String> dup = planner.post("/api/projects", with(r.feature(), "code", "T-001"));
        assertThat(dup.statusCode()).isEqualTo(409);
    }

    @Test
    void of_many_concurrent_edits_from_one_version_exactly_one_wins() throws Exception {
        long id = idOf("T-001");
        Read r = read(id);
        int writers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String body = with(r.feature(), "address", "writer " + i);
                results.add(pool.submit(() -> {
                    go.await();
                    return planner.put("/api/projects/" + id, body, r.etag());
                }));
            }
            go.countDown();
            int ok = 0;
            int conflicts = 0;
            String winner = null;
            for (Future<HttpResponse<String>> f : results) {
                HttpResponse<String> res = f.get();
                if (res.statusCode() == 200) {
                    ok++;
                    winner = TestServer.parse(res.body()).path("properties").path("address").asText();
                } else {
                    assertThat(res.statusCode()).as(res.body()).isEqualTo(412);
                    conflicts++;
                }
            }
            assertThat(ok).isEqualTo(1);
            assertThat(conflicts).isEqualTo(writers - 1);
            JsonNode now = read(id).feature().path("properties");
            assertThat(now.path("version").asInt()).isEqualTo(r.feature().path("properties").path("version").asInt() + 1);
            assertThat(now.path("address").asText()).isEqualTo(winner);
            long audited = 0;
            for (JsonNode e : planner.json("/api/projects/" + id + "/history").path("entries")) {
                if (e.path("version").asInt() == now.path("version").asInt()) {
                    audited++;
                }
            }
            assertThat(audited).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
