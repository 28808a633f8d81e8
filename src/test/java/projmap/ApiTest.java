package projmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/** The public read API on the demo city, over real HTTP, on both stores. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    @Parameter
    StoreKind kind;

    TestServer server;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.start(kind);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void health_names_the_store() {
        JsonNode health = server.json("/health");
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("store").asText()).isEqualTo(kind == StoreKind.H2GIS ? "h2gis" : "postgis");
    }

    @Test
    void stats_show_the_figures_of_the_source_report_exactly() {
        JsonNode s = server.json("/api/stats");
        assertThat(s.path("projects").asInt()).isEqualTo(532);
        assertThat(s.path("totalInvestment").decimalValue()).isEqualByComparingTo("8354000");
        assertThat(s.path("annualPlanInvestment").decimalValue()).isEqualByComparingTo("2040000");
        assertThat(s.path("completedInvestment").decimalValue()).isEqualByComparingTo("304000");
        assertThat(s.path("started").asInt()).isEqualTo(150);
        assertThat(s.path("completed").asInt()).isEqualTo(19);
        assertThat(s.path("byCategory")).hasSize(11);
        int sum = 0;
        for (JsonNode row : s.path("byDistrict")) {
            sum += row.path("projects").asInt();
        }
        assertThat(sum).isEqualTo(532);
    }

    @Test
    void the_project_list_is_geojson_and_follows_every_filter() {
        JsonNode all = server.json("/api/projects");
        assertThat(all.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(all.path("features")).hasSize(532);
        JsonNode first = all.path("features").get(0);
        assertThat(first.path("properties").path("code").asText()).startsWith("ZMD-");
        assertThat(first.path("geometry").path("type").asText()).isNotEmpty();

        assertThat(server.json("/api/projects?status=completed").path("features")).hasSize(19);
        assertThat(server.json("/api/projects?status=under_construction,suspended,completed").path("features")).hasSize(150);
        int roads = server.json("/api/projects?category=roads").path("features").size();
        assertThat(roads).isBetween(1, 531);
        for (JsonNode f : server.json("/api/projects?category=roads").path("features")) {
            assertThat(f.path("properties").path("category").asText()).isEqualTo("roads");
        }
        String name = first.path("properties").path("name").asText();
        assertThat(server.json("/api/projects?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                .path("features").size()).isGreaterThanOrEqualTo(1);
        // a box far from the city holds nothing; one around the centre holds most
        assertThat(server.json("/api/projects?bbox=100,20,100.1,20.1").path("features")).isEmpty();
        assertThat(server.json("/api/projects?bbox=113.8,32.8,114.3,33.2").path("features").size()).isGreaterThan(400);
        String district = first.path("properties").path("district").asText();
        for (JsonNode f : server.json("/api/projects?district=" + java.net.URLEncoder.encode(district, java.nio.charset.StandardCharsets.UTF_8)).path("features")) {
            assertThat(f.path("properties").path("district").asText()).isEqualTo(district);
        }
    }

    @Test
    void the_list_comes_gzip_compressed_to_clients_that_accept_it_with_the_same_content() throws Exception {
        var plain = server.getBytes("/api/projects?status=completed", java.util.Map.of());
        var zipped = server.getBytes("/api/projects?status=completed", java.util.Map.of("Accept-Encoding", "gzip"));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("Vary").orElse("")).contains("Accept-Encoding");
        byte[] unzipped;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            unzipped = in.readAllBytes();
        }
        assertThat(unzipped).isEqualTo(plain.body());
        assertThat(zipped.body().length).isLessThan(plain.body().length / 3);
        // the second compressed answer is the same bytes (the cached gzip form)
        assertThat(server.getBytes("/api/projects?status=completed", java.util.Map.of("Accept-Encoding", "gzip, br")).body())
                .isEqualTo(zipped.body());
    }

    @Test
    void one_project_has_an_etag_and_answers_304_when_unchanged() {
        long id = server.json("/api/projects").path("features").get(0).path("id").asLong();
        HttpResponse<String> r = server.get("/api/projects/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertThat(TestServer.parse(r.body()).path("id").asLong()).isEqualTo(id);
        assertThat(server.get("/api/projects/" + id, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
    }

    @Test
    void the_list_is_revalidated_by_etag_and_shows_an_edit_at_once() {
        HttpResponse<String> first = server.get("/api/projects?category=parks");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(server.get("/api/projects?category=parks", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);

        var store = new projmap.projects.ProjectStore(server.app().database());
        var park = store.search(new projmap.projects.ProjectQuery(null, null,
                java.util.Set.of(projmap.projects.Category.PARKS), null, null, null, null)).get(0);
        var renamed = new projmap.projects.Project(park.id(), park.code(), park.name() + "（二期）", park.category(),
                park.district(), park.address(), park.department(), park.leader(), park.contactName(), park.contactPhone(),
                park.status(), park.plannedStart(), park.plannedEnd(), park.actualStart(), park.actualEnd(), park.planYear(),
                park.totalInvestment(), park.annualPlanInvestment(), park.completedInvestment(), park.fundingMode(),
                park.landStatus(), park.landArea(), park.geometry(), park.version(), null, null, null, null);
        store.update(park.id(), park.version(), renamed, "tester").orElseThrow();

        HttpResponse<String> after = server.get("/api/projects?category=parks", Map.of("If-None-Match", etag));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains(park.name() + "（二期）");
        store.update(park.id(), park.version() + 1, park, "tester").orElseThrow();
    }

    @Test
    void zone_layers_are_served_as_geojson_by_bbox() {
        JsonNode layers = server.json("/api/layers");
        assertThat(layers.findValuesAsText("id")).contains("central-urban-area", "demonstration-zone",
                "urban-development-boundary", "basic-farmland", "land-use", "projects-status");
        JsonNode boundary = server.json("/api/zones/central-urban-area");
        assertThat(boundary.path("features")).hasSize(1);
        assertThat(boundary.path("layer").path("contentHash").asText()).hasSize(64);
        JsonNode parcels = server.json("/api/zones/land-use?bbox=114.01,32.97,114.03,32.99");
        assertThat(parcels.path("features").size()).isBetween(10, 5000);
        assertThat(parcels.path("features").get(0).path("properties").path("code").asText()).isNotEmpty();
    }

    @Test
    void bad_input_gets_a_4xx_naming_the_parameter() {
        assertError(server.get("/api/projects?bbox=1,2,3"), 400, "invalid_parameter", "bbox");
        assertError(server.get("/api/projects?bbox=114,33,113,32"), 400, "invalid_parameter", "bbox");
        assertError(server.get("/api/projects?status=finished"), 400, "invalid_parameter", "status");
        assertError(server.get("/api/projects?category=roadz"), 400, "invalid_parameter", "category");
        assertError(server.get("/api/projects?planYear=soon"), 400, "invalid_parameter", "planYear");
        assertError(server.get("/api/zones/nowhere"), 404, "unknown_layer", "layer");
        assertError(server.get("/api/zones/land-use?bbox=a,b,c,d"), 400, "invalid_parameter", "bbox");
        assertError(server.get("/api/projects/abc"), 400, "invalid_parameter", "id");
        assertError(server.get("/api/projects/99999999"), 404, "not_found", "project");
        assertError(server.get("/api/nothing-here"), 404, "not_found", "/api/nothing-here");
        // and the server is still there
        assertThat(server.json("/health").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void the_web_app_is_served_at_the_root() {
        HttpResponse<String> r = server.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("leaflet");
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String mentions) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.path("error").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).contains(mentions);
    }
}
