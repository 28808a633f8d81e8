package projmap.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.testing.FixtureCity;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/** OGC API – Features over real HTTP on both stores, on the fixture city. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OgcApiTest {
    @Parameter
    StoreKind kind;

    TestServer server;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.startSeeded(kind, FixtureCity::seed);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void the_landing_page_links_the_api_conformance_and_collections() {
        JsonNode landing = server.json("/ogc");
        assertThat(landing.path("links").findValuesAsText("rel"))
                .contains("self", "service-desc", "conformance", "data");
        assertThat(server.json("/ogc/conformance").path("conformsTo").toString())
                .contains("ogcapi-features-1/1.0/conf/core", "conf/geojson", "conf/oas30", "cql2-text");
        HttpResponse<String> api = server.get("/ogc/api");
        assertThat(api.headers().firstValue("Content-Type").orElse("")).contains("openapi");
        assertThat(TestServer.parse(api.body()).path("paths").has("/collections/{collectionId}/items")).isTrue();
    }

    @Test
    void collections_are_the_projects_and_every_planning_layer() {
        JsonNode cs = server.json("/ogc/collections");
        assertThat(cs.path("collections").findValuesAsText("id")).containsExactlyInAnyOrder("projects",
                "central-urban-area", "demonstration-zone", "urban-development-boundary", "basic-farmland", "land-use");
        JsonNode c = server.json("/ogc/collections/land-use");
        assertThat(c.path("extent").path("spatial").path("bbox").get(0).get(0).asDouble()).isEqualTo(FixtureCity.LON0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c.path("crs").toString()).contains("4490");
        assertThat(server.get("/ogc/collections/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void items_page_with_limit_and_offset_and_next_links_reach_every_feature() {
        JsonNode page = server.json("/ogc/collections/projects/items?limit=7");
        assertThat(page.path("numberMatched").asInt()).isEqualTo(FixtureCity.PROJECTS);
        assertThat(page.path("numberReturned").asInt()).isEqualTo(7);
        Set<Long> ids = new HashSet<>();
        String next = "/ogc/collections/projects/items?limit=7";
        int pages = 0;
        while (next != null) {
            JsonNode p = server.json(next);
            p.path("features").forEach(f -> ids.add(f.path("id").asLong()));
            next = null;
            for (JsonNode l : p.path("links")) {
                if (l.path("rel").asText().equals("next")) {
                    next = l.path("href").asText().substring(server.base().length());
                }
            }
            pages++;
        }
        assertThat(ids).hasSize(FixtureCity.PROJECTS);
        assertThat(pages).isEqualTo(9);
        JsonNode last = server.json("/ogc/collections/projects/items?limit=7&offset=56");
        assertThat(last.path("numberReturned").asInt()).isEqualTo(4);
        assertThat(last.path("links").findValuesAsText("rel")).contains("prev").doesNotContain("next");
    }

    @Test
    void bbox_and_property_filters_select_like_the_project_api() {
        String bbox = "113.95,32.92,114.03,32.97";
        int api = server.json("/api/projects?bbox=" + bbox).path("features").size();
        JsonNode ogc = server.json("/ogc/collections/projects/items?limit=1000&bbox=" + bbox);
        // the API's bbox is by envelope, OGC's by geometry: never more, and here the same
        assertThat(ogc.path("numberMatched").asInt()).isBetween(1, api);
        int completed = server.json("/api/projects?status=completed").path("features").size();
        assertThat(server.json("/ogc/collections/projects/items?status=completed&limit=100").path("numberMatched").asInt())
                .isEqualTo(completed);
        assertThat(server.json("/ogc/collections/projects/items?status=completed,planned&category=roads&limit=100")
                .path("features").findValuesAsText("category")).allMatch("roads"::equals);
        assertThat(server.json("/ogc/collections/land-use/items?code=R2&limit=1").path("features").get(0)
                .path("properties").path("code").asText()).isEqualTo("R2");
    }

    @Test
    void one_item_by_id_and_a_missing_one_is_404() {
        JsonNode f = server.json("/ogc/collections/projects/items?limit=1").path("features").get(0);
        long id = f.path("id").asLong();
        JsonNode one = server.json("/ogc/collections/projects/items/" + id);
        assertThat(one.path("properties").path("code").asText()).isEqualTo(f.path("properties").path("code").asText());
        assertThat(server.get("/ogc/collections/projects/items/99999999").statusCode()).isEqualTo(404);
        assertThat(server.get("/ogc/collections/projects/items/abc").statusCode()).isEqualTo(404);
        long zoneId = server.json("/ogc/collections/land-use/items?limit=1").path("features").get(0).path("id").asLong();
        assertThat(server.json("/ogc/collections/land-use/items/" + zoneId).path("properties").path("layer").asText())
                .isEqualTo("land-use");
    }

    @Test
    void html_by_f_or_by_accept() {
        HttpResponse<String> byF = server.get("/ogc/collections/projects/items?limit=3&f=html");
        assertThat(byF.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(byF.body()).contains("<table>", "ZMD-T-000");
        HttpResponse<String> byAccept = server.get("/ogc/collections", Map.of("Accept", "text/html"));
        assertThat(byAccept.body()).contains("land-use").startsWith("<!doctype html>");
        assertThat(server.get("/ogc?f=xml").statusCode()).isEqualTo(400);
    }

    @Test
    void cgcs2000_output_is_lat_lon_with_its_crs_named() {
        JsonNode plain = server.json("/ogc/collections/land-use/items?limit=1");
        HttpResponse<String> r = server.get("/ogc/collections/land-use/items?limit=1&crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4490"));
        assertThat(r.headers().firstValue("Content-Crs")).contains("<http://www.opengis.net/def/crs/EPSG/0/4490>");
        JsonNode p0 = plain.path("features").get(0).path("geometry").path("coordinates").get(0).get(0);
        JsonNode c0 = TestServer.parse(r.body()).path("features").get(0).path("geometry").path("coordinates").get(0).get(0);
        assertThat(c0.get(0).asDouble()).isEqualTo(p0.get(1).asDouble());
        assertThat(c0.get(1).asDouble()).isEqualTo(p0.get(0).asDouble());
        // a bbox in lat/lon order when its CRS says so
        JsonNode latLon = server.json("/ogc/collections/projects/items?limit=1000&bbox=32.92,113.95,32.97,114.03&bbox-crs="
                + enc("http://www.opengis.net/def/crs/EPSG/0/4490"));
        JsonNode lonLat = server.json("/ogc/collections/projects/items?limit=1000&bbox=113.95,32.92,114.03,32.97");
        assertThat(latLon.path("numberMatched").asInt()).isEqualTo(lonLat.path("numberMatched").asInt());
        assertThat(server.get("/ogc/collections/projects/items?crs=EPSG:3857").statusCode()).isEqualTo(400);
    }

    @Test
    void cql2_filters_select_exactly_and_hostile_ones_are_refused() {
        int both = server.json("/api/projects?status=completed&category=roads").path("features").size();
        JsonNode r = server.json("/ogc/collections/projects/items?limit=100&filter="
                + enc("status='completed' AND category='roads'"));
        assertThat(r.path("numberMatched").asInt()).isEqualTo(both);
        int completed = server.json("/api/projects?status=completed").path("features").size();
        assertThat(server.json("/ogc/collections/projects/items?limit=100&filter=" + enc("status IN ('completed') OR 1 = 0"))
                .path("numberMatched").asInt()).isEqualTo(completed);
        assertThat(server.json("/ogc/collections/projects/items?limit=100&filter="
                + enc("S_INTERSECTS(geometry, BBOX(113.95,32.92,114.03,32.97))")).path("numberMatched").asInt())
                .isEqualTo(server.json("/ogc/collections/projects/items?limit=1000&bbox=113.95,32.92,114.03,32.97")
                        .path("numberMatched").asInt());
        assertThat(server.json("/ogc/collections/land-use/items?limit=1&filter=" + enc("code LIKE 'A3%'"))
                .path("features").get(0).path("properties").path("code").asText()).isEqualTo("A33");
        // a quote smuggled in a string is just a character of the value
        assertThat(server.json("/ogc/collections/projects/items?filter=" + enc("name = 'x'' OR ''1''=''1'"))
                .path("numberMatched").asInt()).isZero();
        for (String hostile : new String[] {"status = 'a'; DROP TABLE projects", "1=1) OR (1=1",
                "\"code\" = 'x' UNION SELECT 1", "secret = 1", "status = 1"}) {
            HttpResponse<String> bad = server.get("/ogc/collections/projects/items?filter=" + enc(hostile));
            assertThat(bad.statusCode()).as(hostile).isEqualTo(400);
            assertThat(TestServer.parse(bad.body()).path("error").asText()).isEqualTo("invalid_filter");
        }
        assertThat(server.get("/ogc/collections/projects/items?filter=x%3D1&filter-lang=sql").statusCode()).isEqualTo(400);
        // and the register is intact
        assertThat(server.json("/ogc/collections/projects/items").path("numberMatched").asInt()).isEqualTo(FixtureCity.PROJECTS);
    }

    @Test
    void a_repeated_items_request_is_answered_from_the_cache_until_the_collection_changes() {
        String path = "/ogc/collections/projects/items?limit=5&bbox=113.9,32.85,114.15,33.1";
        HttpResponse<String> first = server.get(path);
        HttpResponse<String> second = server.get(path);
        assertThat(second.headers().firstValue("X-Items-Cache")).contains("hit");
        assertThat(second.body()).isEqualTo(first.body());
        String etag = second.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = server.get(path, java.util.Map.of("If-None-Match", etag));
        assertThat(notModified.statusCode()).isEqualTo(304);

        // an edit of the register: the next answer is built anew and shows it
        var store = new projmap.projects.ProjectStore(server.app().database());
        long firstId = TestServer.parse(first.body()).path("features").get(0).path("id").asLong();
        var p = store.find(firstId).orElseThrow();
        var renamed = new projmap.projects.Project(p.id(), p.code(), p.name() + "（改）", p.category(), p.district(),
                p.address(), p.department(), p.leader(), p.contactName(), p.contactPhone(), p.status(), p.plannedStart(),
                p.plannedEnd(), p.actualStart(), p.actualEnd(), p.planYear(), p.totalInvestment(),
                p.annualPlanInvestment(), p.completedInvestment(), p.fundingMode(), p.landStatus(), p.landArea(),
                p.geometry(), p.version(), p.createdAt(), p.createdBy(), p.updatedAt(), p.updatedBy());
        store.update(p.id(), p.version(), renamed, "test");
        try {
            HttpResponse<String> after = server.get(path, java.util.Map.of("If-None-Match", etag));
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.headers().firstValue("X-Items-Cache")).contains("miss");
            assertThat(TestServer.parse(after.body()).path("features").get(0).path("properties").path("name").asText())
                    .endsWith("（改）");
        } finally {
            var now = store.find(p.id()).orElseThrow();
            store.update(p.id(), now.version(), p, "test");
        }

        // a planning layer replaced: its cached pages go too
        String zonePath = "/ogc/collections/demonstration-zone/items";
        server.get(zonePath);
        assertThat(server.get(zonePath).headers().firstValue("X-Items-Cache")).contains("hit");
        var zones = new projmap.zones.ZoneStore(server.app().database());
        var layer = zones.layer("demonstration-zone").orElseThrow();
        var before = zones.page(layer.id(), new projmap.store.SqlFilter("1 = 1", java.util.List.of()), 100, 0);
        zones.replace(layer, java.util.List.of(new projmap.zones.ZoneFeature(0, layer.id(), "DZ7", "示范区（临时）", "{}",
                projmap.testing.Fixtures.wkt(FixtureCity.box(114.03, 32.93, 114.09, 32.98)))));
        try {
            HttpResponse<String> replaced = server.get(zonePath);
            assertThat(replaced.headers().firstValue("X-Items-Cache")).contains("miss");
            assertThat(replaced.body()).contains("DZ7");
        } finally {
            zones.replace(zones.layer("demonstration-zone").orElseThrow(), before);
        }
    }

    @Test
    void zone_items_carry_the_same_features_and_coordinates_as_the_java_geojson_writer() throws Exception {
        // on PostGIS the database writes the geometry (ST_AsGeoJSON); it must be what GeoJsonWriter writes
        var zones = new projmap.zones.ZoneStore(server.app().database());
        String bbox = "113.95,32.92,114.03,32.97";
        for (String crs : new String[] {null, "http://www.opengis.net/def/crs/EPSG/0/4490"}) {
            JsonNode page = server.json("/ogc/collections/land-use/items?limit=1000&bbox=" + bbox
                    + (crs == null ? "" : "&crs=" + enc(crs)));
            var expected = new java.util.TreeMap<Long, JsonNode>();
            for (var f : zones.features("land-use", new projmap.geo.BBox(113.95, 32.92, 114.03, 32.97))) {
                var out = new java.io.StringWriter();
                try (var g = new com.fasterxml.jackson.databind.ObjectMapper().getFactory().createGenerator(out)) {
                    projmap.geo.GeoJsonWriter.writeGeometry(g, f.geometry());
                }
                expected.put(f.id(), TestServer.parse(out.toString()));
            }
            var got = new java.util.TreeMap<Long, JsonNode>();
            page.path("features").forEach(f -> got.put(f.path("id").asLong(), f.path("geometry")));
            assertThat(got).hasSizeGreaterThan(50);
            // the features whose box meets the bbox include those that meet it
            assertThat(expected.keySet()).containsAll(got.keySet());
            int positions = 0;
            for (var e : got.entrySet()) {
                JsonNode want = expected.get(e.getKey());
                assertThat(e.getValue().path("type").asText()).isEqualTo(want.path("type").asText());
                positions += sameNumbers(e.getValue().path("coordinates"), want.path("coordinates"), crs != null,
                        "feature " + e.getKey());
            }
            assertThat(positions).isGreaterThan(250);
            // a full page counts every match (counted with the page on PostGIS), and links the next
            JsonNode first = server.json("/ogc/collections/land-use/items?limit=5&bbox=" + bbox
                    + (crs == null ? "" : "&crs=" + enc(crs)));
            assertThat(first.path("numberReturned").asInt()).isEqualTo(5);
            assertThat(first.path("numberMatched").asInt()).isEqualTo(got.size());
            assertThat(first.path("links").findValuesAsText("rel")).contains("next");
        }
    }

    /**
     * Compares coordinate arrays number by number (PostGIS writes 114 where Jackson writes 114.0),
     * {@code a}'s positions in lat/lon order when {@code swapped}; returns the positions compared.
     */
    private static int sameNumbers(JsonNode a, JsonNode b, boolean swapped, String where) {
        assertThat(a.size()).as(where).isEqualTo(b.size());
        if (a.isArray() && a.size() == 2 && a.get(0).isNumber()) {
            assertThat(a.get(0).doubleValue()).as(where).isEqualTo(b.get(swapped ? 1 : 0).doubleValue());
            assertThat(a.get(1).doubleValue()).as(where).isEqualTo(b.get(swapped ? 0 : 1).doubleValue());
            return 1;
        }
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            n += sameNumbers(a.get(i), b.get(i), swapped, where);
        }
        return n;
    }

    @Test
    void zone_attributes_sit_beside_code_and_name_in_the_properties() {
        var zones = new projmap.zones.ZoneStore(server.app().database());
        var layer = zones.layer("central-urban-area").orElseThrow();
        var before = zones.page(layer.id(), new projmap.store.SqlFilter("1 = 1", java.util.List.of()), 100, 0);
        zones.replace(layer, java.util.List.of(new projmap.zones.ZoneFeature(0, layer.id(), "C1", "中心城区", 
                "{\"planNo\": \"ZMD-2017-03\", \"areaHa\": 12.5, \"tags\": [\"a\", {\"b\": null}], \"code\": \"ignored\"}",
                projmap.testing.Fixtures.wkt(FixtureCity.box(113.95, 32.90, 114.10, 33.05)))));
        try {
            JsonNode props = server.json("/ogc/collections/central-urban-area/items").path("features").get(0).path("properties");
            assertThat(props.path("code").asText()).isEqualTo("C1");
            assertThat(props.path("planNo").asText()).isEqualTo("ZMD-2017-03");
            assertThat(props.path("areaHa").asDouble()).isEqualTo(12.5);
            assertThat(props.path("tags").toString()).isEqualTo("[\"a\",{\"b\":null}]");
        } finally {
            zones.replace(zones.layer("central-urban-area").orElseThrow(), before);
        }
    }

    @Test
    void bad_paging_and_dates_name_the_parameter() {
        for (String q : new String[] {"limit=0", "limit=10001", "limit=x", "offset=-1", "bbox=1,2,3", "datetime=yesterday"}) {
            HttpResponse<String> r = server.get("/ogc/collections/projects/items?" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(TestServer.parse(r.body()).path("message").asText()).as(q).startsWith(q.substring(0, q.indexOf('=')));
        }
        int all = FixtureCity.PROJECTS;
        assertThat(server.json("/ogc/collections/projects/items?datetime=2017-06-01").path("numberMatched").asInt()).isEqualTo(all);
        assertThat(server.json("/ogc/collections/projects/items?datetime=2030-01-01/..").path("numberMatched").asInt()).isZero();
    }
}
