package projmap.tours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Coordinate;
import projmap.Config;
import projmap.geo.GeodesicMeasure;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.testing.Fixtures;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * Tour legs along a roads layer (PROJMAP_TOUR_ROADS) over real HTTP, on both stores: a 5 × 5 grid
 * of streets 0.002° apart, a short street on its own east of it, and stops on grid crossings, off
 * the grid, on the lone street and far from every road.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TourRoadRouteTest {
    static final double LON0 = 114.0;
    static final double LAT0 = 33.0;
    static final double D = 0.002;
    static final int N = 5;
    static final String ROADS = "grid-roads";

    @Parameter
    StoreKind kind;

    TestServer server;
    TestSession planner;
    final Map<String, Long> projectIds = new java.util.HashMap<>();

    /** Project codes and positions: crossings (0,0) and (3,2), 50 m south of (1,0), the lone street, 6 km away. */
    static final Map<String, double[]> STOPS = Map.of(
            "A", new double[] {LON0, LAT0},
            "B", new double[] {LON0 + 3 * D, LAT0 + 2 * D},
            "C", new double[] {LON0 + D, LAT0 - 0.00045},
            "ISLAND", new double[] {LON0 + 0.0125, LAT0 + D},
            "FAR", new double[] {LON0 + 0.07, LAT0});

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.start(kind, c -> c.withTours(TourSettings.defaults().withRoadsLayer(ROADS)), db -> {
            seedRoads(db, ROADS, gridStreets());
            seedProjects(db);
        });
        planner = TestSession.token(server, TourApiTest.plannerToken(server));
        for (String code : STOPS.keySet()) {
            projectIds.put(code, new ProjectStore(server.app().database()).search(projmap.projects.ProjectQuery.ALL).stream()
                    .filter(p -> p.code().equals("ROUTE-" + code)).findFirst().orElseThrow().id());
        }
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Every grid street as one line with a vertex at each crossing, plus the lone street. */
    static List<String> gridStreets() {
        List<String> wkt = new ArrayList<>();
        for (int k = 0; k < N; k++) {
            StringBuilder row = new StringBuilder("LINESTRING (");
            StringBuilder col = new StringBuilder("LINESTRING (");
            for (int j = 0; j < N; j++) {
                String sep = j == 0 ? "" : ", ";
                row.append(sep).append(pt(LON0 + j * D, LAT0 + k * D));
                col.append(sep).append(pt(LON0 + k * D, LAT0 + j * D));
            }
            wkt.add(row + ")");
            wkt.add(col + ")");
        }
        wkt.add("LINESTRING (" + pt(LON0 + 0.012, LAT0 + D) + ", " + pt(LON0 + 0.013, LAT0 + D) + ")");
        return wkt;
    }

    static String pt(double lon, double lat) {
        return String.format(Locale.ROOT, "%.9f %.9f", lon, lat);
    }

    static void seedRoads(Database db, String id, List<String> wkt) {
        List<ZoneFeature> features = new ArrayList<>();
        for (String w : wkt) {
            features.add(new ZoneFeature(0, id, "road", "道路", "{}", Fixtures.wkt(w)));
        }
        new ZoneStore(db).replace(new ZoneLayer(id, "道路中心线", "Road centre lines", ZoneKind.ROADS, "2026", "test", null, null),
                features);
    }

    static void seedProjects(Database db) {
        List<Project> projects = new ArrayList<>();
        STOPS.forEach((code, p) -> projects.add(Fixtures.project("ROUTE-" + code, "路线项目" + code, Category.values()[0],
                ProjectStatus.values()[0], 1000, "POINT (" + pt(p[0], p[1]) + ")")));
        new ProjectStore(db).insertAll(projects, "test");
    }

    JsonNode route(String... codes) {
        StringBuilder stops = new StringBuilder();
        for (String c : codes) {
            stops.append(stops.length() == 0 ? "" : ",").append("{\"projectId\":").append(projectIds.get(c)).append('}');
        }
        HttpResponse<String> r = planner.post("/api/tours", "{\"title\":\"路线\",\"date\":\"2026-12-01\",\"stops\":[" + stops + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return planner.json("/api/tours/" + TestServer.parse(r.body()).path("id").asLong() + "/route");
    }

    static double metres(double lon1, double lat1, double lon2, double lat2) {
        return GeodesicMeasure.distance(new Coordinate(lon1, lat1), new Coordinate(lon2, lat2));
    }

    /** Whether a point lies on one of the grid streets (within about 1 cm). */
    static boolean onGrid(double lon, double lat) {
        double e = 1e-7;
        boolean inside = lon >= LON0 - e && lon <= LON0 + (N - 1) * D + e && lat >= LAT0 - e && lat <= LAT0 + (N - 1) * D + e;
        double fx = (lon - LON0) / D;
        double fy = (lat - LAT0) / D;
        return inside && (Math.abs(fx - Math.rint(fx)) * D < e || Math.abs(fy - Math.rint(fy)) * D < e);
    }

    @Test
    void a_leg_between_two_crossings_follows_the_streets() {
        JsonNode route = route("A", "B");
        assertThat(route.path("method").asText()).isEqualTo("roads");
        JsonNode leg = route.path("legs").get(0);
        assertThat(leg.path("routedBy").asText()).isEqualTo("roads");
        assertThat(leg.has("reason")).isFalse();
        // three blocks east and two north, whichever way round: the blocks' lengths differ by millimetres
        double expected = 3 * metres(LON0, LAT0, LON0 + D, LAT0) + 2 * metres(LON0, LAT0, LON0, LAT0 + D);
        assertThat(leg.path("distanceM").asDouble()).isCloseTo(expected, offset(1.0));
        assertThat(leg.path("distanceM").asDouble()).isGreaterThan(leg.path("straightM").asDouble());
        assertThat(leg.path("connectorsM").asLong()).isZero();
        assertThat(leg.path("minutes").asLong()).isEqualTo(Math.max(1, Math.round(expected / 1000 / 30 * 60)));
        JsonNode line = leg.path("line");
        assertThat(line.size()).as("a vertex at each crossing passed").isGreaterThanOrEqualTo(6);
        for (JsonNode v : line) {
            assertThat(onGrid(v.get(0).asDouble(), v.get(1).asDouble())).as(v.toString()).isTrue();
        }
        assertThat(line.get(0).get(0).asDouble()).isCloseTo(LON0, offset(1e-9));
        assertThat(line.get(line.size() - 1).get(0).asDouble()).isCloseTo(LON0 + 3 * D, offset(1e-9));
        assertThat(route.path("distanceM").asLong()).isEqualTo(leg.path("distanceM").asLong());
    }

    @Test
    void a_stop_off_the_streets_is_joined_to_the_nearest_one_by_a_short_connector() {
        JsonNode leg = route("C", "B").path("legs").get(0);
        assertThat(leg.path("routedBy").asText()).isEqualTo("roads");
        double[] c = STOPS.get("C");
        double connector = metres(c[0], c[1], c[0], LAT0);
        assertThat(leg.path("connectorsM").asDouble()).isCloseTo(connector, offset(1.0));
        double expected = connector + 2 * metres(LON0, LAT0, LON0 + D, LAT0) + 2 * metres(LON0, LAT0, LON0, LAT0 + D);
        assertThat(leg.path("distanceM").asDouble()).isCloseTo(expected, offset(1.0));
        JsonNode line = leg.path("line");
        assertThat(line.get(0).get(0).asDouble()).isCloseTo(c[0], offset(1e-9));
        assertThat(line.get(0).get(1).asDouble()).isCloseTo(c[1], offset(1e-9));
        // the connector ends on the street south of the grid's first row
        assertThat(line.get(1).get(0).asDouble()).isCloseTo(c[0], offset(1e-7));
        assertThat(line.get(1).get(1).asDouble()).isCloseTo(LAT0, offset(1e-7));
        for (int i = 1; i < line.size(); i++) {
            assertThat(onGrid(line.get(i).get(0).asDouble(), line.get(i).get(1).asDouble())).as(line.get(i).toString()).isTrue();
        }
    }

    @Test
    void unconnected_or_too_far_stops_fall_back_to_the_straight_estimate_and_say_why() {
        JsonNode route = route("A", "ISLAND", "FAR");
        JsonNode toIsland = route.path("legs").get(0);
        assertThat(toIsland.path("routedBy").asText()).isEqualTo("straight");
        assertThat(toIsland.path("reason").asText()).isEqualTo("stops_not_connected");
        assertThat(toIsland.path("distanceM").asDouble()).isCloseTo(toIsland.path("straightM").asDouble() * 1.3, offset(1.0));
        assertThat(toIsland.path("line")).hasSize(2);
        JsonNode toFar = route.path("legs").get(1);
        assertThat(toFar.path("routedBy").asText()).isEqualTo("straight");
        assertThat(toFar.path("reason").asText()).isEqualTo("stop_far_from_roads");
        assertThat(toFar.path("reasonDetail").asText()).contains("stop 3").contains("limit 2000 m");
        assertThat(route.path("distanceM").asLong())
                .isEqualTo(toIsland.path("distanceM").asLong() + toFar.path("distanceM").asLong());
    }

    @Test
    void the_tablet_document_carries_the_same_road_route() {
        HttpResponse<String> created = planner.post("/api/tours", "{\"title\":\"观摩\",\"date\":\"2026-12-01\",\"stops\":[{\"projectId\":"
                + projectIds.get("A") + "},{\"projectId\":" + projectIds.get("B") + "}]}");
        long id = TestServer.parse(created.body()).path("id").asLong();
        HttpResponse<String> link = planner.post("/api/tours/" + id + "/publish", "{}");
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        JsonNode doc = server.json("/api/tour/" + TestServer.parse(link.body()).path("token").asText());
        assertThat(doc.path("route").path("method").asText()).isEqualTo("roads");
        assertThat(doc.path("route").path("legs").get(0).path("routedBy").asText()).isEqualTo("roads");
        assertThat(doc.path("route")).isEqualTo(planner.json("/api/tours/" + id + "/route"));
    }

    @Test
    void the_roads_layer_takes_no_part_in_site_checks() {
        HttpResponse<String> check = server.get("/api/projects/" + projectIds.get("A") + "/check");
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        assertThat(check.body()).doesNotContain(ROADS);
    }

    @Test
    void an_unknown_layer_or_one_of_another_kind_stops_the_start_with_one_line() {
        assertThatThrownBy(() -> TestServer.start(kind, c -> c.withTours(TourSettings.defaults().withRoadsLayer("no-such")),
                TourRoadRouteTest::seedProjects))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("PROJMAP_TOUR_ROADS").hasMessageContaining("'no-such'")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> TestServer.start(kind, c -> c.withTours(TourSettings.defaults().withRoadsLayer("land")), db -> {
            new ZoneStore(db).replace(new ZoneLayer("land", "用地", "Land use", ZoneKind.ZONING, "2026", "test", null, null),
                    List.of(new ZoneFeature(0, "land", "R2", "居住", "{}", Fixtures.wkt(projmap.testing.FixtureCity.box(LON0, LAT0, LON0 + D, LAT0 + D)))));
            seedProjects(db);
        })).isInstanceOf(Config.ConfigException.class).hasMessageContaining("'land' is of kind zoning");
        assertThatThrownBy(() -> Config.load(Map.of("PROJMAP_TOUR_ROADS", "Roads Layer!"), List.of()))
                .isInstanceOf(Config.ConfigException.class).hasMessageStartingWith("PROJMAP_TOUR_ROADS: expected the id");
    }

    @Test
    void a_roads_layer_without_lines_starts_and_draws_straight_legs_saying_why_until_it_gets_lines() {
        try (TestServer other = TestServer.start(kind, c -> c.withTours(TourSettings.defaults().withRoadsLayer("blocks")), db -> {
            seedRoads(db, "blocks", List.of(projmap.testing.FixtureCity.box(LON0, LAT0, LON0 + D, LAT0 + D)));
            seedProjects(db);
        })) {
            TestSession s = TestSession.token(other, TourApiTest.plannerToken(other));
            ProjectStore ps = new ProjectStore(other.app().database());
            Map<String, Long> ids = new java.util.HashMap<>();
            ps.search(projmap.projects.ProjectQuery.ALL).forEach(p -> ids.put(p.code(), p.id()));
            HttpResponse<String> r = s.post("/api/tours", "{\"title\":\"路线\",\"stops\":[{\"projectId\":" + ids.get("ROUTE-A")
                    + "},{\"projectId\":" + ids.get("ROUTE-B") + "}]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode route = s.json("/api/tours/" + TestServer.parse(r.body()).path("id").asLong() + "/route");
            assertThat(route.path("method").asText()).isEqualTo("straight");
            JsonNode leg = route.path("legs").get(0);
            assertThat(leg.path("routedBy").asText()).isEqualTo("straight");
            assertThat(leg.path("reason").asText()).isEqualTo("roads_layer_without_lines");
            assertThat(leg.path("reasonDetail").asText()).contains("'blocks'");

            // a new version of the layer, now with the grid streets: the next route follows them
            seedRoads(other.app().database(), "blocks", gridStreets());
            JsonNode again = s.json("/api/tours/" + TestServer.parse(r.body()).path("id").asLong() + "/route");
            assertThat(again.path("method").asText()).isEqualTo("roads");
            assertThat(again.path("legs").get(0).path("routedBy").asText()).isEqualTo("roads");
        }
    }
}
