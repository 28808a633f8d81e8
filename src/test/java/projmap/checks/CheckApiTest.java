package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.geo.Reprojector;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStore;
import projmap.testing.Fixtures;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneStore;

/** Site checking over real HTTP on both stores, on the synthetic city and four projects. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckApiTest {
    static final String PARK_ON_INDUSTRY = SiteCheckerTest.square(114.00125, 32.95375);
    static final String RENEWAL_ON_HOUSING = SiteCheckerTest.square(114.00125, 32.95125);
    static final String SQUARE_JSON = "{\"type\":\"Polygon\",\"coordinates\":[[[114.01,32.97],[114.012,32.97],"
            + "[114.012,32.972],[114.01,32.972],[114.01,32.97]]]}";

    @Parameter
    StoreKind kind;

    TestServer server;
    List<Project> projects = new ArrayList<>();

    // per store: with PER_CLASS a @BeforeAll would run once, before the store parameter is injected
    @BeforeParameterizedClassInvocation
    void start(StoreKind kind) {
        this.kind = kind;
        projects.clear();
        server = TestServer.startSeeded(kind, db -> {
            CheckFixtures.load(db);
            projects.addAll(new ProjectStore(db).insertAll(List.of(
                    CheckFixtures.project("T-1", Category.PARKS, PARK_ON_INDUSTRY),
                    CheckFixtures.project("T-2", Category.RENEWAL, RENEWAL_ON_HOUSING),
                    CheckFixtures.project("T-3", Category.ROADS, "LINESTRING(113.99 32.97, 114.01 32.97)"),
                    CheckFixtures.project("T-4", Category.PUBLIC_SERVICES, "POINT(114.011 32.971)")), "test"));
        });
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> post(String path, String body) {
        return server.post(path, "application/json", body);
    }

    JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.parse(r.body());
    }

    JsonNode bad(HttpResponse<String> r, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.path("error").asText()).as(r.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        return body;
    }

    @Test
    @Order(1)
    void a_posted_polygon_gets_the_full_report() {
        JsonNode r = ok(post("/api/checks?category=public_services", SQUARE_JSON));
        assertThat(r.path("site").path("geometryType").asText()).isEqualTo("Polygon");
        assertThat(r.path("site").path("areaM2").asDouble()).isBetween(40_000.0, 50_000.0);
        assertThat(r.path("site").path("areaMu").asDouble()).isCloseTo(r.path("site").path("areaM2").asDouble() * 0.0015,
                within(0.01));
        assertThat(r.path("site").path("lengthM").isNull()).isTrue();
        assertThat(r.path("boundaries")).hasSize(2);
        assertThat(r.path("boundaries").get(0).path("layer").asText()).isEqualTo("central-urban-area");
        assertThat(r.path("boundaries").get(0).path("verdict").asText()).isEqualTo("inside");
        assertThat(r.path("boundaries").get(0).has("distanceM")).isTrue();
        assertThat(r.path("restrictions").get(0).path("verdict").asText()).isEqualTo("clear");
        assertThat(r.path("zoning").get(0).path("classes").get(0).path("compatibility").asText())
                .isIn("compatible", "conditional", "incompatible");
        assertThat(r.path("overall").asText()).isIn("pass", "warn", "fail");
        assertThat(r.path("reasons").get(0).path("zh").asText()).isNotBlank();
        assertThat(r.path("reasons").get(0).path("en").asText()).isNotBlank();
        JsonNode prov = r.path("provenance");
        assertThat(prov.path("toleranceM2").asDouble()).isEqualTo(1.0);
        assertThat(prov.path("method").asText()).contains("GeographicLib");
        assertThat(prov.path("layers")).hasSize(4);
        assertThat(prov.path("layers").get(0).path("contentHash").asText()).hasSize(64);
        assertThat(prov.path("rerun").path("method").asText()).isEqualTo("POST");
        // the re-run body repeats the check, and says which layer versions it expects
        JsonNode again = ok(post(prov.path("rerun").path("href").asText(), prov.path("rerun").path("body").toString()));
        assertThat(again.path("site").path("areaM2").asDouble()).isEqualTo(r.path("site").path("areaM2").asDouble());
        assertThat(again.path("overall").asText()).isEqualTo(r.path("overall").asText());
        assertThat(again.path("reasons").toString()).doesNotContain("has changed since");
    }

    @Test
    @Order(1)
    void a_feature_brings_its_category_and_a_line_is_measured_by_length() {
        JsonNode r = ok(post("/api/checks", "{\"type\":\"Feature\",\"properties\":{\"category\":\"roads\"},"
                + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[113.99,32.97],[114.01,32.97]]}}"));
        assertThat(r.path("category").asText()).isEqualTo("roads");
        assertThat(r.path("site").path("lengthM").asDouble()).isGreaterThan(1800);
        assertThat(r.path("boundaries").get(0).path("verdict").asText()).isEqualTo("partial");
        assertThat(r.path("boundaries").get(0).path("insideLengthM").asDouble()).isGreaterThan(900);
        assertThat(r.path("overall").asText()).isEqualTo("warn");
    }

    @Test
    @Order(1)
    void a_site_in_gauss_krueger_coordinates_gets_the_same_report() {
        Reprojector reprojector = new Reprojector();
        var gk = reprojector.fromLonLat(Fixtures.wkt("POLYGON((114.01 32.97, 114.012 32.97, 114.012 32.972, 114.01 32.972,"
                + " 114.01 32.97))"), reprojector.require("EPSG:4547", "crs"));
        StringBuilder coords = new StringBuilder();
        for (var c : gk.getCoordinates()) {
            coords.append(coords.length() == 0 ? "" : ",").append("[").append(c.x).append(",").append(c.y).append("]");
        }
        String body = "{\"type\":\"Polygon\",\"coordinates\":[[" + coords + "]]}";
        JsonNode projected = ok(post("/api/checks?crs=EPSG:4547", body));
        JsonNode lonLat = ok(post("/api/checks", SQUARE_JSON));
        assertThat(projected.path("site").path("inputCrs").asText()).isEqualTo("EPSG:4547");
        assertThat(projected.path("site").path("areaM2").asDouble()).isCloseTo(lonLat.path("site").path("areaM2").asDouble(),
                within(1.0));
        // the crs member of the object works as well
        JsonNode member = ok(post("/api/checks", body.replaceFirst("\\{", "{\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"urn:ogc:def:crs:EPSG::4547\"}},")));
        assertThat(member.path("site").path("areaM2").asDouble()).isCloseTo(lonLat.path("site").path("areaM2").asDouble(), within(1.0));
    }

    @Test
    @Order(1)
    void bad_sites_get_400_naming_the_problem_and_where() {
        bad(post("/api/checks", "{\"type\":\"Polygon\",\"coordinates\":[[[114.01,32.97],"), "invalid_json");
        bad(post("/api/checks", ""), "invalid_geojson");
        bad(post("/api/checks", "{\"type\":\"Polygon\",\"coordinates\":[[[114.01,32.97],[114.02,32.97]]]}"), "invalid_geojson");
        JsonNode unsupported = bad(post("/api/checks", "{\"type\":\"Circle\",\"radius\":5}"), "unsupported_type");
        assertThat(unsupported.path("details").path("where").asText()).isEqualTo("$.type");
        bad(post("/api/checks", "{\"type\":\"GeometryCollection\",\"geometries\":[]}"), "unsupported_type");
        bad(post("/api/checks", "{\"type\":\"Polygon\",\"coordinates\":[]}"), "empty_geometry");
        JsonNode infinite = bad(post("/api/checks", "{\"type\":\"Point\",\"coordinates\":[1e400,32]}"), "not_finite");
        assertThat(infinite.path("details").path("where").asText()).isEqualTo("coordinates");
        JsonNode range = bad(post("/api/checks", "{\"type\":\"Point\",\"coordinates\":[501869,3650530]}"), "out_of_range");
        assertThat(range.path("message").asText()).contains("EPSG:4547");
        bad(post("/api/checks?crs=EPSG:0", SQUARE_JSON), "unknown_crs");
        bad(post("/api/checks?category=castles", SQUARE_JSON), "unknown_category");
        // a bow tie: self-intersection at (114.015, 32.975), with the position
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[114.01,32.97],[114.02,32.98],[114.02,32.97],"
                + "[114.01,32.98],[114.01,32.97]]]}";
        JsonNode invalid = bad(post("/api/checks", bowtie), "invalid_geometry");
        assertThat(invalid.path("message").asText()).contains("Self-intersection").contains("114.015").contains("repair=true");
        assertThat(invalid.path("details").path("where").asText()).contains("114.015");
        JsonNode repaired = ok(post("/api/checks?repair=true", bowtie));
        assertThat(repaired.path("site").path("repaired").asBoolean()).isTrue();
        assertThat(repaired.path("site").path("geometryType").asText()).isEqualTo("MultiPolygon");
        assertThat(repaired.path("reasons").toString()).contains("repaired");
        // 0.3° × 0.3° ≈ 930 km² > 500 km²
        JsonNode large = bad(post("/api/checks", "{\"type\":\"Polygon\",\"coordinates\":[[[114.0,32.8],[114.3,32.8],"
                + "[114.3,33.1],[114.0,33.1],[114.0,32.8]]]}"), "too_large");
        assertThat(large.path("message").asText()).contains("500 km²");
        StringBuilder many = new StringBuilder("{\"type\":\"LineString\",\"coordinates\":[");
        for (int i = 0; i <= 100_000; i++) {
            many.append(i == 0 ? "" : ",").append("[").append(114 + i * 1e-7).append(",32.97]");
        }
        bad(post("/api/checks", many.append("]}").toString()), "too_many_vertices");
    }

    @Test
    @Order(1)
    void a_check_stores_nothing() {
        int before = storedChecks();
        ok(post("/api/checks", SQUARE_JSON));
        assertThat(storedChecks()).isEqualTo(before);
    }

    int storedChecks() {
        return server.app().database().read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM site_checks")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    @Order(2)
    void a_project_check_is_computed_once_and_kept() {
        long id = projects.get(0).id();
        JsonNode first = server.json("/api/projects/" + id + "/check");
        assertThat(first.path("overall").asText()).isEqualTo("fail");
        assertThat(first.path("category").asText()).isEqualTo("parks");
        assertThat(first.path("provenance").path("rerun").path("href").asText()).isEqualTo("/api/projects/" + id + "/check");
        JsonNode second = server.json("/api/projects/" + id + "/check");
        assertThat(second.path("provenance").path("checkedAt")).isEqualTo(first.path("provenance").path("checkedAt"));
        assertThat(server.get("/api/projects/999999/check").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/projects/abc/check").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(2)
    void the_printable_report_is_html_in_chinese_or_english_with_the_map() {
        long id = projects.get(0).id();
        HttpResponse<String> zh = server.get("/api/projects/" + id + "/check.html");
        assertThat(zh.statusCode()).isEqualTo(200);
        assertThat(zh.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(zh.body()).contains("建设项目选址核查报告", "不通过", "T-1", "/api/map.png?bbox=", "@page", "size: A4",
                "永久基本农田", "用地规划", "内容哈希", "<svg");
        HttpResponse<String> en = server.get("/api/projects/" + id + "/check.html?lang=en");
        assertThat(en.body()).contains("Site check report", "FAIL", "Land-use zoning", "Re-run");
        assertThat(server.get("/api/projects/" + id + "/check.html?lang=fr").statusCode()).isEqualTo(400);
        HttpResponse<String> adhoc = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/checks?lang=en"))
                .header("Content-Type", "application/json").header("Accept", "text/html,application/xhtml+xml")
                .POST(HttpRequest.BodyPublishers.ofString(SQUARE_JSON)).build());
        assertThat(adhoc.statusCode()).isEqualTo(200);
        assertThat(adhoc.body()).contains("<!DOCTYPE html>", "Site check report", "POST /api/checks");
        assertThat(adhoc.body()).doesNotContain("<script");
    }

    @Test
    @Order(3)
    void the_summary_has_every_project_and_follows_the_filters() {
        JsonNode s = server.json("/api/checks/summary");
        assertThat(s.path("totals").path("projects").asInt()).isEqualTo(4);
        assertThat(s.path("totals").path("fail").asInt() + s.path("totals").path("warn").asInt()
                + s.path("totals").path("pass").asInt()).isEqualTo(4);
        assertThat(s.path("layers")).hasSize(4);
        JsonNode fails = server.json("/api/checks/summary?verdict=fail");
        assertThat(fails.path("projects")).isNotEmpty().allSatisfy(p -> assertThat(p.path("overall").asText()).isEqualTo("fail"));
        assertThat(fails.path("projects").get(0).path("reasons")).isNotEmpty();
        JsonNode roads = server.json("/api/checks/summary?category=roads");
        assertThat(roads.path("projects")).singleElement().satisfies(p -> {
            assertThat(p.path("code").asText()).isEqualTo("T-3");
            assertThat(p.path("overall").asText()).isEqualTo("warn");
            assertThat(p.path("boundaries").path("central-urban-area").asText()).isEqualTo("partial");
        });
        assertThat(server.json("/api/checks/summary?district=nowhere").path("projects")).isEmpty();
        assertThat(server.json("/api/checks/summary?district=驿城区").path("projects")).hasSize(4);
        assertThat(server.get("/api/checks/summary?verdict=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(3)
    void a_restarted_server_reads_the_same_summary_from_the_stored_reports() {
        JsonNode computed = server.json("/api/checks/summary");   // facts taken from the reports just computed
        TestServer restarted = server.secondInstance();           // nothing in memory: facts read from the stored reports
        try {
            JsonNode stored = restarted.json("/api/checks/summary");
            assertThat(stored.path("projects")).hasSameSizeAs(computed.path("projects"));
            for (int i = 0; i < computed.path("projects").size(); i++) {
                JsonNode a = computed.path("projects").get(i);
                JsonNode b = stored.path("projects").get(i);
                for (String field : List.of("code", "overall", "geometryType", "areaM2", "lengthM", "restrictedAreaMu",
                        "boundaries", "reasons")) {
                    assertThat(b.path(field)).as("%s of %s", field, a.path("code").asText()).isEqualTo(a.path(field));
                }
            }
            assertThat(stored.path("projects").findValues("reasons")).anySatisfy(r -> assertThat(r).isNotEmpty());
        } finally {
            restarted.close();
        }
    }

    @Test
    @Order(4)
    void a_new_farmland_version_is_reported_as_changes() throws InterruptedException {
        server.json("/api/checks/summary");   // every project checked against the current layers
        Instant before = Instant.now();
        Thread.sleep(5);
        // the new farmland layer adds a patch under the renewal project T-2 (about 3,700 m², 5.6 mu)
        ZoneStore zones = new ZoneStore(server.app().database());
        var farmland = zones.layer("basic-farmland").orElseThrow();
        List<ZoneFeature> features = new ArrayList<>(CheckFixtures.farmland());
        features.add(CheckFixtures.feature("basic-farmland", "FL-NEW", "新划入图斑", Fixtures.wkt(RENEWAL_ON_HOUSING)));
        zones.replace(farmland, features);

        JsonNode changes = server.json("/api/checks/changes?since=" + before);
        assertThat(changes.path("changes")).singleElement().satisfies(c -> {
            assertThat(c.path("code").asText()).isEqualTo("T-2");
            assertThat(c.path("cause").asText()).isEqualTo("layers");
            assertThat(c.path("changedLayers").toString()).contains("basic-farmland");
            assertThat(c.path("overall").path("old").asText()).isEqualTo("pass");
            assertThat(c.path("overall").path("now").asText()).isEqualTo("fail");
            assertThat(c.path("restrictedAreaMu").path("now").asDouble()).isGreaterThan(5);
        });
        assertThat(changes.path("statements").toString()).contains("1 project now takes more than 0.5 mu of basic farmland")
                .contains("1 个项目现占用永久基本农田超过 0.5 亩").contains("1 project went from pass to fail");
        assertThat(changes.path("transitions")).singleElement().satisfies(t -> assertThat(t.path("to").asText()).isEqualTo("fail"));
        // the project's own report follows the new layer version
        JsonNode report = server.json("/api/projects/" + projects.get(1).id() + "/check");
        assertThat(report.path("overall").asText()).isEqualTo("fail");
        assertThat(report.path("restrictions").get(0).path("features").toString()).contains("FL-NEW");
        // nothing changed since now
        assertThat(server.json("/api/checks/changes?since=" + Instant.now().plusSeconds(1)).path("changes")).isEmpty();
        assertThat(server.get("/api/checks/changes").statusCode()).isEqualTo(400);
        assertThat(server.get("/api/checks/changes?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(server.json("/api/checks/changes?since=2000-01-01").path("changes")).hasSize(1);
        assertThat(Map.of()).isEmpty();
    }
}
